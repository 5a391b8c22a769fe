package io.bizmaster.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.testing.Cli;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.TestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The real application with commands flowing into both stores the whole time: a full verification while
 * the shadow lags far behind reports no difference (the keys changed in between are compared again once
 * both stores have passed the same seq); a difference planted in the shadow by direct SQL is then found,
 * alone, by the CLI verb; and the inline verifier, silent until then, records it with the command id and
 * seq as soon as a command touches that key.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveVerificationTest {

    @TempDir
    static Path data;

    static ConfigurableApplicationContext app;
    static String url;
    static String credentials;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicBoolean flowing = new AtomicBoolean(true);
    static final AtomicInteger flows = new AtomicInteger();
    static Thread flow;

    @BeforeAll
    static void startWithCommandsFlowing() throws Exception {
        app = TestApplication.inFolder(data).with("bizmaster.verify.settle-timeout", "120s").start();
        url = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        credentials = app.getEnvironment().getRequiredProperty("bizmaster.security.credentials-file");
        DemoStream first = DemoStream.generate(3_000, 300, 1, "live");
        post(first.messages());
        awaitBothAt(first.messages().size());
        // New customers and orders all along, a few hundred commands at a time, as AppCenters would post them.
        flow = new Thread(() -> {
            while (flowing.get()) {
                int n = flows.incrementAndGet();
                post(DemoStream.generate(400, 40, n, "flow" + n).messages());
                sleep(100);
            }
        }, "test-flow");
        flow.start();
    }

    @AfterAll
    static void stop() throws Exception {
        flowing.set(false);
        if (flow != null) {
            flow.join(30_000);
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void aShadowFarBehindUnderTrafficVerifiesEqualOnceItCatchesUp() throws Exception {
        StoreStatusService status = app.getBean(StoreStatusService.class);
        send("POST", "/api/stores/modern/pause", null);
        Eventually.await("the shadow 500 commands behind", Duration.ofSeconds(60),
                () -> status.one("legacy").checkpoint() - status.one("modern").checkpoint() > 500);

        JsonNode started = send("POST", "/api/verifications", "{\"source\": \"legacy\", \"target\": \"modern\"}");
        String id = started.path("id").asString();
        Eventually.await("the scan's snapshots taken", Duration.ofSeconds(30),
                () -> get("/api/verifications/" + id).has("targetSeq"));
        send("POST", "/api/stores/modern/resume", null);
        JsonNode report = awaitFinished(id);
        System.out.println(report.toPrettyString());

        assertThat(report.path("error").isMissingNode()).as(report.toString()).isTrue();
        assertThat(report.path("outcome").asString()).as(report.path("summary").asString()).isEqualTo("EQUAL");
        assertThat(report.path("differenceCount").asLong()).isZero();
        long legacySeq = report.path("sourceSeq").asLong();
        long modernSeq = report.path("targetSeq").asLong();
        assertThat(legacySeq - modernSeq).as("the shadow was behind when scanned").isGreaterThan(500);
        assertThat(report.path("verifiedSeq").asLong()).isEqualTo(legacySeq);
        long inFlight = 0;
        long rows = 0;
        for (JsonNode entity : report.path("entities")) {
            inFlight += entity.path("inFlight").asLong();
            rows += entity.path("matched").asLong();
            assertThat(entity.path("unsettled").asLong()).isZero();
        }
        assertThat(inFlight).as("keys changed between the two checkpoints, compared again").isPositive();
        assertThat(rows).isGreaterThan(300 + 600);
        assertThat(flows.get()).as("commands kept flowing").isGreaterThan(3);

        JsonNode inline = get("/api/verifications/inline");
        JsonNode pair = inline.path("pairs").get(0);
        assertThat(pair.path("shadow").asString()).isEqualTo("modern");
        assertThat(pair.path("compared").asLong()).as(inline.toString()).isPositive();
        assertThat(pair.path("mismatches").asLong()).as(inline.toString()).isZero();
    }

    @Test
    @Order(2)
    void aDifferencePlantedInTheShadowIsFoundAloneByTheCliWhileCommandsFlow() throws Exception {
        StoreRegistry stores = app.getBean(StoreRegistry.class);
        assertThat(TestDatabases.update(stores.get("modern").dataSource(),
                "UPDATE customers SET email = 'planted@example.com' WHERE id = 'live-C10'")).isOne();
        Path reportFile = data.resolve("reports/verify.json");
        int flowsBefore = flows.get();

        Cli.Run run = Cli.run("verify", "legacy", "modern", "--url", url, "--credentials", credentials, "--report",
                reportFile.toString());
        String printed = run.verbOut() + run.verbErr();

        System.out.println(printed);
        assertThat(run.code()).as(printed).isEqualTo(1);
        JsonNode report = JSON.readTree(Files.readString(reportFile));
        assertThat(report.path("outcome").asString()).isEqualTo("DIFFERENT");
        assertThat(report.path("differenceCount").asLong()).as(report.toString()).isOne();
        JsonNode difference = report.path("differences").get(0);
        assertThat(difference.path("entity").asString()).isEqualTo("customer");
        assertThat(difference.path("key").asString()).isEqualTo("live-C10");
        assertThat(difference.path("kind").asString()).isEqualTo("DIFFERENT");
        assertThat(JSON.convertValue(difference.path("columns"), List.class)).containsExactly("email");
        assertThat(difference.path("target").path("email").asString()).isEqualTo("planted@example.com");
        assertThat(printed).contains("customer live-C10 differs in email")
                .contains("planted@example.com").contains("ENTITY").contains("Report: " + reportFile);
        // The verification can be quicker than one batch of the flow (75 ms was seen): what is checked is that
        // traffic went on around it, not that a batch happened to start inside it.
        Eventually.await("commands still flowing after the verification", Duration.ofSeconds(30),
                () -> flows.get() > flowsBefore);

        Cli.Run refused = Cli.run("verify", "legacy", "nosuch", "--url", url, "--credentials", credentials);
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.verbErr()).contains("no store named 'nosuch'");
    }

    @Test
    @Order(3)
    void theInlineVerifierRecordsTheDifferenceWhenACommandTouchesTheKey() throws Exception {
        String rename = "{\"id\":\"inline-probe-1\",\"type\":\"customer.renamed\",\"key\":\"live-C10\","
                + "\"payload\":{\"name\":\"Probe Name\"},\"source\":\"test\",\"issuedAt\":\"2026-02-01T00:00:00Z\"}";
        post(List.of(rename.getBytes(StandardCharsets.UTF_8)));
        Eventually.await("the inline mismatch recorded", Duration.ofSeconds(60),
                () -> get("/api/verifications/inline").path("pairs").get(0).path("mismatches").asLong() > 0,
                () -> get("/api/verifications/inline").toString());

        JsonNode inline = get("/api/verifications/inline");
        assertThat(inline.path("pairs").get(0).path("mismatches").asLong()).isOne();
        JsonNode mismatch = inline.path("recentMismatches").get(0);
        long seq = app.getBean(CommandLog.class).byCommandId("inline-probe-1").get(0).seq();
        assertThat(mismatch.path("commandId").asString()).isEqualTo("inline-probe-1");
        assertThat(mismatch.path("seq").asLong()).isEqualTo(seq);
        assertThat(mismatch.path("comparedAtSeq").asLong()).isGreaterThanOrEqualTo(seq);
        assertThat(mismatch.path("key").asString()).isEqualTo("live-C10");
        assertThat(JSON.convertValue(mismatch.path("columns"), List.class)).containsExactly("email");
        assertThat(mismatch.path("shadowValues").path("email").asString()).isEqualTo("planted@example.com");
        assertThat(mismatch.path("primaryValues").path("email").asString()).isNotEqualTo("planted@example.com");
        assertThat(mismatch.path("primaryValues").path("name").asString()).isEqualTo("Probe Name");
        JsonNode metric = get("/actuator/metrics/bizmaster.verify.inline.mismatches");
        assertThat(metric.path("measurements").get(0).path("value").asDouble()).isEqualTo(1.0);
    }

    static JsonNode awaitFinished(String id) {
        JsonNode[] last = new JsonNode[1];
        Eventually.await("verification " + id + " finished", Duration.ofMinutes(3), () -> {
            last[0] = get("/api/verifications/" + id);
            return !"RUNNING".equals(last[0].path("state").asString());
        }, () -> String.valueOf(last[0]));
        return last[0];
    }

    static void awaitBothAt(long seq) {
        StoreStatusService status = app.getBean(StoreStatusService.class);
        Eventually.await("both stores at seq " + seq, Duration.ofMinutes(2),
                () -> status.all().stream().allMatch(s -> s.checkpoint() >= seq), () -> status.all().toString());
    }

    static void post(List<byte[]> messages) {
        try {
            app.getBean(CommandPoster.class).post(messages.stream().map(m -> CommandSplitter.split(m).get(0)).toList());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode get(String path) {
        return send("GET", path, null);
    }

    static JsonNode send(String method, String path, String body) {
        try {
            var operator = io.bizmaster.security.GeneratedCredentials.read(java.nio.file.Path.of(credentials));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Basic "
                    + java.util.Base64.getEncoder().encodeToString((operator.user() + ":" + operator.password()).getBytes()));
            if ("POST".equals(method)) {
                request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body));
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + ": " + e.getMessage(), e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
