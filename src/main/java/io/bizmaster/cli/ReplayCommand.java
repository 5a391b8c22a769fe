package io.bizmaster.cli;

import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code replay --store NAME --from SEQ}: rebuilds a store from the command log (REST {@code /api/stores/NAME/replay}). */
@Command(name = "replay", description = "Rebuilds a store from the command log: --from 0 empties it first, --from S "
        + "continues from a savepoint (its data as of seq S). Without --from: the store's last replay.")
public class ReplayCommand implements Callable<Integer> {

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
    ServerOptions server;

    @Override
    public Integer call() throws Exception {
        Api api = server.api();
        String path = "/api/stores/" + store + "/replay";
        HttpResponse<String> response;
        try {
            response = from == null ? api.get(path)
                    : api.post(path, "{\"from\":" + from + ",\"resetCheckpoint\":" + resetCheckpoint + "}");
        } catch (Api.NotAnswering e) {
            System.err.println(e.getMessage());
            return Api.NOT_ANSWERING;
        }
        String what = "replay --store " + store + (from == null ? "" : " --from " + from);
        if (response.statusCode() / 100 != 2) {
            System.err.println(what + ": " + response.statusCode() + " " + response.body());
            return 1;
        }
        System.out.println(response.body());
        JsonNode status = new ObjectMapper().readTree(response.body());
        while (await && !status.path("phase").asString().equals("DONE") && !status.path("phase").asString().equals("FAILED")) {
            Thread.sleep(1_000);
            status = new ObjectMapper().readTree(api.get(path).body());
            System.out.printf("%s: %s, checkpoint %,d of %,d (%.1f%%, %,.0f commands/s%s)%n", store,
                    status.path("phase").asString(), status.path("checkpoint").asLong(), status.path("upTo").asLong(),
                    status.path("progressPercent").asDouble(), status.path("ratePerSecond").asDouble(),
                    status.path("etaSeconds").isNumber() ? ", ETA " + status.path("etaSeconds").asLong() + " s" : "");
        }
        if (await) {
            System.out.println(status.path("message").asString());
        }
        return status.path("phase").asString().equals("FAILED") ? 1 : 0;
    }
}
