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
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The REST API of a running BizMaster, as the CLI's verbs call it: with credentials, and one clear line on failure. */
final class Api {

    /** The server could not be reached, or would not let the CLI in ({@link ExitCodes#ERROR}); the message says what to do. */
    static final class NotAnswering extends Exception {
        NotAnswering(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path credentialsFile;
    private Optional<CliCredentials> credentials;
    private boolean prompted;

    /** @param credentialsFile where the credentials were looked for, for the message when there were none */
    Api(String url, Optional<CliCredentials> credentials, Path credentialsFile) {
        this.url = url;
        this.credentials = credentials;
        this.credentialsFile = credentialsFile;
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
                        .orElse("BizMaster at " + url + " needs credentials and there are none in " + credentialsFile
                                + ": give --home DIR (the folder BizMaster runs in) or --credentials FILE, or set "
                                + "BIZMASTER_USER and BIZMASTER_PASSWORD"));
            }
            if (response.statusCode() == 403) {
                throw new NotAnswering("BizMaster at " + url + " does not let user '" + credentials.map(CliCredentials::user)
                        .orElse("?") + "' do this: it needs the operator role");
            }
            return response;
        }
    }

    /** An answer's body as JSON; a body that is not JSON is the server's fault, said in one line. */
    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new CliProblem(response.request().method() + " " + response.uri().getPath() + " answered "
                    + response.statusCode() + " with what is not JSON: " + oneLine(response.body()));
        }
    }

    /** Why the server refused a request, in one line: the status and its "error" (or the body as it came). */
    static String problem(HttpResponse<String> response) {
        String reason = response.body() == null ? "" : response.body();
        try {
            JsonNode body = JSON.readTree(reason);
            if (body != null && body.path("error").isString()) {
                reason = body.path("error").asString();
            }
        } catch (JacksonException e) {
            // not JSON: shown as it came, unless it is a web page (the servlet container's own error page)
            if (reason.stripLeading().startsWith("<")) {
                reason = "";
            }
        }
        String said = oneLine(reason);
        return response.statusCode() + (said.isEmpty() ? " (the server gave no reason)" : " " + said);
    }

    private static String oneLine(String text) {
        String line = text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
        return line.length() <= 500 ? line : line.substring(0, 499) + "…";
    }

    /** A name as one segment of a path: a store or migration name with a space or a slash stays one name. */
    static String segment(String name) {
        return java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
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
