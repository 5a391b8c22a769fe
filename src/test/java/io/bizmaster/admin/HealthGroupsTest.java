package io.bizmaster.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.testing.ApiClient;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.ExternalDatabases;
import io.bizmaster.testing.TcpProxy;
import io.bizmaster.testing.TestApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The health groups as an orchestrator and an operator read them, with both stores on PostgreSQL behind TCP proxies
 * that cut them off: a shadow that is down shows in its own check and in the overall health, never in readiness; the
 * primary that is down turns readiness DOWN; liveness only says the process runs. Anonymous callers get UP or DOWN,
 * nothing more.
 */
class HealthGroupsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void aShadowDownLeavesReadinessUpThePrimaryDownTurnsItDown() throws Exception {
        try (TcpProxy legacyLink = new TcpProxy("127.0.0.1", 5432); TcpProxy modernLink = new TcpProxy("127.0.0.1", 5432)) {
            TestApplication app = TestApplication.inFolder(data)
                    .with("bizmaster.stores.legacy.options.url", legacyLink.route(ExternalDatabases.freshPostgres()))
                    .with("bizmaster.stores.legacy.options.username", "")
                    .with("bizmaster.stores.legacy.options.socket-timeout", "2")
                    .with("bizmaster.stores.modern.options.url", modernLink.route(ExternalDatabases.freshPostgres()))
                    .with("bizmaster.stores.modern.options.username", "")
                    .with("bizmaster.stores.modern.options.socket-timeout", "2");
            try (ConfigurableApplicationContext context = app.start()) {
                int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
                ApiClient anonymous = new ApiClient(port, null, null);
                ApiClient operator = new ApiClient(port, data.resolve("operator.credentials"));

                assertThat(status(anonymous, "/actuator/health/liveness")).isEqualTo(new Answer(200, "UP", false));
                assertThat(status(anonymous, "/actuator/health/readiness")).isEqualTo(new Answer(200, "UP", false));
                JsonNode readiness = json(operator.get("/actuator/health/readiness"));
                assertThat(names(readiness.path("components")))
                        .containsExactlyInAnyOrder("readinessState", "broker", "businessStore", "intake", "primaryStore");
                assertThat(readiness.at("/components/primaryStore/details/store").asString()).isEqualTo("legacy");
                assertThat(names(json(operator.get("/actuator/health/liveness")).path("components")))
                        .containsExactly("livenessState");
                assertThat(names(json(operator.get("/actuator/health/stores")).path("components")))
                        .containsExactlyInAnyOrder("legacy", "modern");
                assertThat(json(operator.get("/actuator/health/broker")).path("status").asString()).isEqualTo("UP");
                assertThat(json(operator.get("/actuator/health/businessStore")).path("status").asString()).isEqualTo("UP");

                // The shadow cut off: its check and the overall health say so, readiness does not.
                modernLink.mode(TcpProxy.Mode.DROP);
                awaitStatus(operator, "/actuator/health/stores/modern", "DOWN");
                assertThat(status(anonymous, "/actuator/health/readiness")).isEqualTo(new Answer(200, "UP", false));
                assertThat(status(anonymous, "/actuator/health")).isEqualTo(new Answer(503, "DOWN", false));
                assertThat(status(anonymous, "/actuator/health/liveness")).isEqualTo(new Answer(200, "UP", false));
                modernLink.mode(TcpProxy.Mode.PASS);
                awaitStatus(operator, "/actuator/health/stores/modern", "UP");

                // The primary cut off: nothing the intake logs would reach what applications read.
                legacyLink.mode(TcpProxy.Mode.DROP);
                awaitStatus(operator, "/actuator/health/readiness", "DOWN");
                JsonNode down = json(operator.get("/actuator/health/readiness"));
                assertThat(down.at("/components/primaryStore/status").asString()).isEqualTo("DOWN");
                assertThat(down.at("/components/primaryStore/details/store").asString()).isEqualTo("legacy");
                assertThat(down.at("/components/broker/status").asString()).isEqualTo("UP");
                assertThat(status(anonymous, "/actuator/health/readiness")).isEqualTo(new Answer(503, "DOWN", false));
                assertThat(status(anonymous, "/actuator/health/liveness")).isEqualTo(new Answer(200, "UP", false));
                legacyLink.mode(TcpProxy.Mode.PASS);
                awaitStatus(operator, "/actuator/health/readiness", "UP");
            }
        }
    }

    /** What a caller sees: the HTTP status, the health status, and whether it was shown anything more. */
    private record Answer(int http, String status, boolean details) {
    }

    private static Answer status(ApiClient client, String path) {
        EntityExchangeResult<String> answer = client.get(path);
        JsonNode body = JSON.readTree(answer.getResponseBody());
        return new Answer(answer.getStatus().value(), body.path("status").asString(),
                body.has("components") || body.has("details"));
    }

    private static JsonNode json(EntityExchangeResult<String> answer) {
        return JSON.readTree(answer.getResponseBody());
    }

    private static void awaitStatus(ApiClient client, String path, String expected) {
        String[] last = new String[1];
        Eventually.await(path + " " + expected, Duration.ofMinutes(1), () -> {
            last[0] = client.get(path).getResponseBody();
            return expected.equals(JSON.readTree(last[0]).path("status").asString());
        }, () -> last[0]);
    }

    private static List<String> names(JsonNode components) {
        List<String> names = new ArrayList<>();
        components.propertyNames().forEach(names::add);
        return names;
    }
}
