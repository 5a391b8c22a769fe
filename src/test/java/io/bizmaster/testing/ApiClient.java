package io.bizmaster.testing;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The REST API over real HTTP, as the CLI and an operator's scripts use it. Built from the server's port rather than
 * auto-configured: that would change the Spring context key, and test classes share one running application.
 */
public final class ApiClient {

    private final RestTestClient http;
    private final ObjectMapper json = new ObjectMapper();

    public ApiClient(int port) {
        this.http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    public EntityExchangeResult<String> post(String path, String body) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectBody(String.class).returnResult();
    }

    public EntityExchangeResult<String> get(String path) {
        return http.get().uri(path).exchange().expectBody(String.class).returnResult();
    }

    /** The answer's JSON, after checking the status. */
    public JsonNode postOk(String path, String body, int status) {
        EntityExchangeResult<String> result = post(path, body);
        if (result.getStatus().value() != status) {
            throw new AssertionError("POST " + path + " answered " + result.getStatus() + ", not " + status + ": "
                    + result.getResponseBody());
        }
        return json.readTree(result.getResponseBody() == null ? "null" : result.getResponseBody());
    }

    public JsonNode getJson(String path) {
        EntityExchangeResult<String> result = get(path);
        if (!result.getStatus().is2xxSuccessful()) {
            throw new AssertionError("GET " + path + " answered " + result.getStatus() + ": " + result.getResponseBody());
        }
        return json.readTree(result.getResponseBody());
    }

    /** Starts a verification and waits for its end; the final report. */
    public JsonNode verify(String source, String target) {
        JsonNode started = postOk("/api/verifications", "{\"source\":\"" + source + "\",\"target\":\"" + target + "\"}", 202);
        String id = started.path("id").asString();
        JsonNode[] report = new JsonNode[1];
        Eventually.await("verification " + id + " finished", java.time.Duration.ofSeconds(120), () -> {
            report[0] = getJson("/api/verifications/" + id);
            return !"RUNNING".equals(report[0].path("state").asString());
        }, () -> String.valueOf(report[0]));
        return report[0];
    }
}
