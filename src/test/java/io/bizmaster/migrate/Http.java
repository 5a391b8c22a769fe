package io.bizmaster.migrate;

import io.bizmaster.security.GeneratedCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.springframework.context.ConfigurableApplicationContext;

/** The REST API of a running test application, as the operator it generated. */
record Http(String base, Path credentials, String authorization) {

    static Http of(ConfigurableApplicationContext context) {
        Path file = Path.of(context.getEnvironment().getRequiredProperty("bizmaster.security.credentials-file"));
        GeneratedCredentials.Credentials operator = GeneratedCredentials.read(file);
        return new Http("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"), file, "Basic "
                + Base64.getEncoder().encodeToString((operator.user() + ":" + operator.password()).getBytes(StandardCharsets.UTF_8)));
    }

    /** What a CLI verb needs to reach this application: {@code --url … --credentials …}. */
    String[] cli() {
        return new String[] {"--url", base, "--credentials", credentials.toString()};
    }

    HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "{}" : json)));
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HttpClient.newHttpClient().send(request.header("Authorization", authorization)
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
