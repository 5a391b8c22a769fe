package io.bizmaster.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The REST API of a running BizMaster, as the CLI's verbs call it. */
final class Api {

    /** Exit code when BizMaster does not answer at all. */
    static final int NOT_ANSWERING = 2;

    /** The server could not be reached; the message says what to do. */
    static final class NotAnswering extends Exception {
        NotAnswering(String url) {
            super("BizMaster is not answering at " + url + ": start it with 'java -jar target/bizmaster.jar run'");
        }
    }

    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Api(String url) {
        this.url = url;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException, NotAnswering {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET());
    }

    /** A POST with a JSON body, or none. */
    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException, NotAnswering {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path));
        if (json == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException, NotAnswering {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new NotAnswering(url);
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
