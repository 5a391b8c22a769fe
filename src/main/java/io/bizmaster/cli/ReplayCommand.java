package io.bizmaster.cli;

import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code replay --store NAME --from SEQ}: rebuilds a store from the command log (REST {@code /api/stores/NAME/replay}). */
@Command(name = "replay", description = "Rebuilds a store from the command log: --from 0 empties it first, --from S "
        + "continues from a savepoint (its data as of seq S). Without --from: the store's last replay. --wait follows it "
        + "to its end with a progress bar (plain lines when output is not a terminal); --json: the API's answer (with "
        + "--wait, its last).")
public class ReplayCommand implements Callable<Integer> {

    /** How often --wait asks: the server records progress per chunk, a few times a second at most. */
    static final long POLL_MILLIS = 500;

    @Option(names = "--store", required = true, paramLabel = "NAME", description = "the store to replay")
    String store;

    @Option(names = "--from", paramLabel = "SEQ", description = "0, or the savepoint seq the store's data is as of")
    Long from;

    @Option(names = "--reset-checkpoint", description = "the store's data was restored as of --from: set its checkpoint "
            + "to it first (needed when its checkpoint is past it)")
    boolean resetCheckpoint;

    @Option(names = "--wait", description = "follow the replay until it ends; exit 1 if it fails")
    boolean await;

    @Mixin
    FollowTimeout timeout;

    @Mixin
    ServerOptions server;

    @Mixin
    JsonOption json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (timeout.given() && !await) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout goes with --wait");
        }
        long deadline = timeout.deadline();
        try (Output out = Output.open(json)) {
            Api api = server.api();
            String path = "/api/stores/" + Api.segment(store) + "/replay";
            HttpResponse<String> response = from == null ? api.get(path)
                    : api.post(path, "{\"from\":" + from + ",\"resetCheckpoint\":" + resetCheckpoint + "}");
            if (response.statusCode() / 100 != 2) {
                System.err.println("replay --store " + store + (from == null ? "" : " --from " + from) + ": "
                        + Api.problem(response));
                return ExitCodes.of(response.statusCode());
            }
            JsonNode status = Api.json(response);
            out.text().printf("replay of store %s from seq %,d up to seq %,d: %s%n", store, status.path("from").asLong(),
                    status.path("upTo").asLong(), status.path("phase").asString());
            if (await) {
                try (Progress progress = Progress.on(out, "commands")) {
                    while (!finished(status)) {
                        progress.show(step(status));
                        if (System.nanoTime() > deadline) {
                            progress.close();
                            System.err.printf("replay --store %s: still %s after %s (%s); it goes on on the server%n", store,
                                    status.path("phase").asString(), timeout, status.path("message").asString());
                            return ExitCodes.NO;
                        }
                        Thread.sleep(POLL_MILLIS);
                        response = api.get(path);
                        if (response.statusCode() != 200) {
                            throw new CliProblem("replay --store " + store + ": following it, GET " + path + " answered "
                                    + Api.problem(response));
                        }
                        status = Api.json(response);
                    }
                    if (status.path("phase").asString().equals("DONE")) {
                        // Its last look, all replayed: the bar (or line) ends full, the verb's last line says DONE.
                        progress.show(step(status, "REPLAYING"));
                    }
                }
            }
            if (out.json()) {
                out.json(response.body());
            } else {
                out.text().println(status.path("phase").asString() + ": " + status.path("message").asString());
            }
            return status.path("phase").asString().equals("FAILED") ? ExitCodes.NO : ExitCodes.OK;
        }
    }

    private static boolean finished(JsonNode status) {
        String phase = status.path("phase").asString();
        return phase.equals("DONE") || phase.equals("FAILED");
    }

    /**
     * The server's own figures: commands replayed of the total, its measured rate and ETA; its message beside them
     * when it says more than they do (a throttle), not "replaying: seq N of M".
     */
    private static Progress.Step step(JsonNode status) {
        String message = status.path("message").asString("");
        return step(status, status.path("phase").asString()).withNote(message.startsWith("replaying: ") ? "" : message);
    }

    private static Progress.Step step(JsonNode status, String phase) {
        return new Progress.Step(phase, "", status.path("replayed").asLong(),
                status.path("total").asLong(), status.path("ratePerSecond").asDouble(),
                status.path("etaSeconds").isNumber() ? status.path("etaSeconds").asLong() : null);
    }
}
