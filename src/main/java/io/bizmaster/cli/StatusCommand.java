package io.bizmaster.cli;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@Command(name = "status", description = "Shows every store of a running BizMaster: role, converter, checkpoint and lag "
        + "(log head - checkpoint).")
public class StatusCommand implements Callable<Integer> {

    @Mixin
    ServerOptions server;

    @Option(names = "--json", description = "print the JSON of GET /api/stores")
    boolean json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = server.api().get("/api/stores");
        } catch (Api.NotAnswering e) {
            System.err.println(e.getMessage());
            return Api.NOT_ANSWERING;
        }
        if (response.statusCode() != 200) {
            System.err.println("GET " + server.url + "/api/stores answered " + response.statusCode() + ": " + response.body());
            return 2;
        }
        if (json) {
            System.out.println(response.body());
            return 0;
        }
        JsonNode stores = new ObjectMapper().readTree(response.body());
        System.out.printf("%-12s %-9s %-12s %-7s %12s %12s %10s  %s%n", "STORE", "ROLE", "CONVERTER", "STATE",
                "CHECKPOINT", "LOG HEAD", "LAG", "PROBLEM");
        for (JsonNode s : stores) {
            String state = s.path("paused").asBoolean() ? "paused" : s.path("reachable").asBoolean() ? "running" : "down";
            String problem = s.has("failing")
                    ? "stuck at seq " + s.path("failing").path("seq").asLong() + ": " + s.path("failing").path("reason").asString()
                    : "";
            if (s.path("delivery").asString().equals("at-least-once")) {
                problem = (problem.isEmpty() ? "" : problem + "; ") + "write-only feed (" + s.path("connector").asString()
                        + "), at-least-once, not verifiable";
            }
            if (s.path("parkedKeys").asInt() > 0) {
                problem = (problem.isEmpty() ? "" : problem + "; ") + s.path("parkedKeys").asInt()
                        + " key(s) parked (store parked " + s.path("name").asString() + ")";
            }
            System.out.printf("%-12s %-9s %-12s %-7s %,12d %,12d %,10d  %s%n", s.path("name").asString(),
                    s.path("role").asString(), s.path("converter").asString(), state, s.path("checkpoint").asLong(),
                    s.path("head").asLong(), s.path("lag").asLong(), problem);
        }
        return 0;
    }
}
