package io.bizmaster.testing;

import io.bizmaster.security.GeneratedCredentials;
import java.nio.file.Path;
import org.springframework.core.env.Environment;
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

    /** As the operator BizMaster generated (its credentials file), or anonymous when {@code credentials} is null. */
    public ApiClient(int port, Path credentials) {
        this(port, credentials == null ? null : GeneratedCredentials.read(credentials).user(),
                credentials == null ? null : GeneratedCredentials.read(credentials).password());
    }

    public ApiClient(int port, String user, String password) {
        RestTestClient.Builder<?> builder = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port);
        if (user != null) {
            builder.defaultHeaders(h -> h.setBasicAuth(user, password));
        }
        this.http = builder.build();
    }

    /** The running application's API as its generated operator. */
    public static ApiClient operator(Environment environment) {
        return new ApiClient(Integer.parseInt(environment.getRequiredProperty("local.server.port")),
                Path.of(environment.getRequiredProperty("bizmaster.security.credentials-file")));
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
