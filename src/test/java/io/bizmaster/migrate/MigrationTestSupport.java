package io.bizmaster.migrate;

import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.TestApplication;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** A test application with a third store, {@code modern2}, declared detached: the migrations' target. */
final class MigrationTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MigrationTestSupport() {
    }

    static TestApplication withTarget(Path data) {
        return TestApplication.inFolder(data)
                .with("bizmaster.stores.modern2.role", "detached")
                .with("bizmaster.stores.modern2.converter", "modern@1")
                .with("bizmaster.stores.modern2.connector", "jdbc")
                .with("bizmaster.stores.modern2.options.url", "jdbc:h2:file:" + data.resolve("stores/modern2"))
                .with("bizmaster.stores.modern2.options.username", "sa");
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(response.statusCode() + " " + response.body(), e);
        }
    }

    static JsonNode status(Http http, String id) {
        return json(http.get("/api/migrations/" + id));
    }

    static JsonNode awaitPhase(Http http, String id, String phase, Duration timeout) {
        JsonNode[] last = new JsonNode[1];
        Eventually.await("migration " + id + " in phase " + phase, timeout, () -> {
            last[0] = status(http, id);
            return phase.equals(last[0].path("phase").asString());
        }, () -> String.valueOf(last[0]));
        return last[0];
    }

    static String replayDefinition(String id) {
        return "id: " + id + "\nsource: legacy\ntarget: modern2\nbackfill: replay\nmax-freeze-ms: 5000\n"
                + "max-cutover-lag: 2000\nchunk: 1000\nthrottle-lag: 20000\n";
    }

    /** Under load the target may be a few commands past the lag limit at the moment of asking: ask again. */
    static MigrationStatus cutOverWithRetries(MigrationWorkflow workflow, String id) throws InterruptedException {
        IllegalStateException last = null;
        for (int i = 0; i < 50; i++) {
            try {
                return workflow.cutover(id);
            } catch (IllegalStateException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw last;
    }
}
