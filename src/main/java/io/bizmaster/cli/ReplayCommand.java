package io.bizmaster.cli;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "BizMaster's HTTP address (default ${DEFAULT-VALUE})")
    String url;

    @Override
    public Integer call() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(url + "/api/stores/" + store + "/replay");
        HttpRequest request = from == null ? HttpRequest.newBuilder(uri).GET().build()
                : HttpRequest.newBuilder(uri).header("content-type", "application/json").timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"from\":" + from + ",\"resetCheckpoint\":" + resetCheckpoint
                                + "}")).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            System.err.println("BizMaster is not answering at " + url + ": start it with 'java -jar target/bizmaster.jar run'");
            return 2;
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
            status = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
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
