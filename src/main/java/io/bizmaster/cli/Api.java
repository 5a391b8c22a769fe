package io.bizmaster.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/** The REST API of a running BizMaster, as the CLI's verbs call it: with credentials, and one clear line on failure. */
final class Api {

    /** Exit code when BizMaster does not answer at all, or refuses the credentials. */
    static final int NOT_ANSWERING = 2;

    /** The server could not be reached, or would not let the CLI in; the message says what to do. */
    static final class NotAnswering extends Exception {
        NotAnswering(String message) {
            super(message);
        }
    }

    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Optional<CliCredentials> credentials;
    private boolean prompted;

    Api(String url, Optional<CliCredentials> credentials) {
        this.url = url;
        this.credentials = credentials;
    }

    String url() {
        return url;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException, NotAnswering {
        return send(() -> HttpRequest.newBuilder(URI.create(url + path)).GET(), Duration.ofSeconds(60));
    }

    /** A POST with a JSON body ({@code {}} when there is none: the server takes state changes only as JSON or YAML). */
    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException, NotAnswering {
        return post(path, json == null ? "{}" : json, "application/json", Duration.ofSeconds(60));
    }

    HttpResponse<String> post(String path, String body, String contentType, Duration timeout)
            throws IOException, InterruptedException, NotAnswering {
        return send(() -> HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), timeout);
    }

    private interface Request {
        HttpRequest.Builder build();
    }

    private HttpResponse<String> send(Request request, Duration timeout) throws IOException, InterruptedException, NotAnswering {
        while (true) {
            HttpRequest.Builder builder = request.build().timeout(timeout);
            credentials.ifPresent(c -> builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((c.user() + ":" + c.password()).getBytes(StandardCharsets.UTF_8))));
            HttpResponse<String> response;
            try {
                response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                throw new NotAnswering("BizMaster is not answering at " + url + ": start it with 'java -jar target/bizmaster.jar run'");
            }
            if (response.statusCode() == 401) {
                if (credentials.isEmpty() && !prompted) {
                    prompted = true;
                    credentials = CliCredentials.prompt(url);
                    if (credentials.isPresent()) {
                        continue;
                    }
                }
                throw new NotAnswering(credentials.map(c -> "BizMaster at " + url + " refused the credentials from " + c.from())
                        .orElse("BizMaster at " + url + " needs credentials: run the CLI where data/operator.credentials is "
                                + "(or give --credentials FILE), or set BIZMASTER_USER and BIZMASTER_PASSWORD"));
            }
            if (response.statusCode() == 403) {
                throw new NotAnswering("BizMaster at " + url + " does not let user '" + credentials.map(CliCredentials::user)
                        .orElse("?") + "' do this: it needs the operator role");
            }
            return response;
        }
    }

    /** A JSON string literal. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
