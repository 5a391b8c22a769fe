package io.bizmaster.cli;

import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.JsonNode;

/**
 * A verb that asks the running BizMaster one thing and shows the answer: as a person reads it, or with {@code --json}
 * as the REST API gave it. A refusal is one line on standard error (what was asked, the status, the server's reason)
 * and exit code 1 for a 4xx, 2 otherwise.
 */
abstract class ServerVerb implements Callable<Integer> {

    @Mixin
    ServerOptions server;

    @Mixin
    JsonOption json;

    abstract HttpResponse<String> request(Api api) throws Exception;

    /** What the operator asked, to begin the line that says why it failed, e.g. "store pause modern". */
    abstract String what();

    abstract void print(JsonNode answer, PrintStream out);

    @Override
    public Integer call() throws Exception {
        try (Output out = Output.open(json)) {
            HttpResponse<String> response = request(server.api());
            if (response.statusCode() / 100 != 2) {
                System.err.println(what() + ": " + Api.problem(response));
                return ExitCodes.of(response.statusCode());
            }
            JsonNode answer = Api.json(response);
            if (out.json()) {
                out.json(response.body());
            } else {
                print(answer, out.text());
            }
            return ExitCodes.OK;
        }
    }
}
