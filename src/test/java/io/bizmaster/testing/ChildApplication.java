package io.bizmaster.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.security.GeneratedCredentials;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;

/**
 * BizMaster in a child JVM on the embedded default over one data folder (H2 files with WRITE_DELAY=0), for
 * tests that kill it with SIGKILL: no shutdown hook runs, whatever was between a commit and an acknowledgement
 * is cut there. Every start appends its output to {@code log}, kept for a look after a failure.
 */
public final class ChildApplication {

    private final Path data;
    private final Path log;
    private final List<String> settings;
    private final java.util.Map<String, String> environment;
    private final int brokerPort = TestPorts.free();
    private final int httpPort = TestPorts.free();
    private final HttpClient http = HttpClient.newHttpClient();
    private static final tools.jackson.databind.ObjectMapper JSON = new tools.jackson.databind.ObjectMapper();

    /** @param settings more {@code --name=value} settings for every start */
    public ChildApplication(Path data, Path log, List<String> settings) {
        this(data, log, settings, java.util.Map.of());
    }

    /**
     * @param settings    more {@code --name=value} settings for every start; one that names a default setting (the
     *                    data source, a store's URL) replaces it
     * @param environment more environment variables for the child: where a secret goes (never on its command line),
     *                    e.g. {@code SPRING_ARTEMIS_PASSWORD}
     */
    public ChildApplication(Path data, Path log, List<String> settings, java.util.Map<String, String> environment) {
        this.data = data;
        this.log = log;
        this.settings = List.copyOf(settings);
        this.environment = java.util.Map.copyOf(environment);
    }

    public int httpPort() {
        return httpPort;
    }

    public int brokerPort() {
        return brokerPort;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Starts the application and waits until its REST API answers. */
    public Process start() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "io.bizmaster.BizMaster", "run",
                "--bizmaster.broker.port=" + brokerPort,
                "--bizmaster.broker.data-dir=" + data.resolve("artemis"),
                "--server.port=" + httpPort,
                "--spring.datasource.url=" + h2Url("bizmaster"),
                "--bizmaster.stores.legacy.options.url=" + h2Url("stores/legacy"),
                "--bizmaster.stores.modern.options.url=" + h2Url("stores/modern"),
                "--bizmaster.security.credentials-file=" + credentialsFile()));
        // Spring joins a setting given twice into a list: a setting of the test's replaces the default of that name.
        command.removeIf(arg -> arg.startsWith("--") && settings.stream()
                .anyMatch(s -> s.startsWith(arg.substring(0, arg.indexOf('=') + 1))));
        command.addAll(settings);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .directory(new File(System.getProperty("user.dir")));
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            Eventually.await("the application up", Duration.ofSeconds(90), () -> {
                assertThat(process.isAlive()).as("application process alive (see " + log + ")").isTrue();
                return get("/api/stores").statusCode() == 200;
            });
        } catch (RuntimeException | Error e) {
            // The caller gets no handle of a start that failed: stop it here, or it outlives the test.
            process.destroyForcibly();
            throw e;
        }
        return process;
    }

    /**
     * The kill every crash test makes: starts the application, posts the stream to its broker as an AppCenter does,
     * SIGKILLs it once {@code progress} has reached {@code atLeast}, starts it again on the same data and waits until
     * every store reports the head; stops it then. Returns what {@code progress} said at the kill.
     */
    public long killMidStreamAndRecover(io.bizmaster.demo.DemoStream stream, java.util.function.LongSupplier progress,
                                        long atLeast) throws Exception {
        int total = stream.messages().size();
        long atKill;
        Process first = start();
        try {
            try (org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory factory = AppCenter.core(brokerPort)) {
                new io.bizmaster.gateway.CommandPoster(factory).post(stream.messages().stream()
                        .map(m -> io.bizmaster.gateway.CommandSplitter.split(m).get(0)).toList());
            }
            Eventually.await("part-way through the stream (" + atLeast + ") before the kill", Duration.ofSeconds(90),
                    () -> progress.getAsLong() >= atLeast);
        } finally {
            atKill = progress.getAsLong();
            first.destroyForcibly().waitFor();
        }
        Process second = start();
        try {
            Eventually.await("every command logged and applied after the kill", Duration.ofMinutes(3),
                    () -> allAt(total), () -> String.valueOf(stores()));
        } finally {
            second.destroy();
            second.waitFor();
        }
        return atKill;
    }

    /** The operator credentials the application generated on its first start. */
    public Path credentialsFile() {
        return data.resolve("operator.credentials");
    }

    /** The {@code Authorization} header of the generated operator (once the application has started once). */
    public String authorization() {
        GeneratedCredentials.Credentials operator = GeneratedCredentials.read(credentialsFile());
        return "Basic " + Base64.getEncoder().encodeToString((operator.user() + ":" + operator.password())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A GET of the running application; status 599 when it does not answer, so polling needs no try/catch. */
    public HttpResponse<String> get(String path) {
        try {
            if (!java.nio.file.Files.exists(credentialsFile())) {
                return new NoAnswer();
            }
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", authorization())
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | RuntimeException e) {
            return new NoAnswer();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new NoAnswer();
        }
    }

    /** {@code GET /api/stores} as JSON; null while the application does not answer. */
    public tools.jackson.databind.JsonNode stores() {
        HttpResponse<String> response = get("/api/stores");
        try {
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (tools.jackson.core.JacksonException e) {
            return null;
        }
    }

    /** One store's checkpoint as the application reports it; -1 while it does not answer. */
    public long checkpoint(String store) {
        tools.jackson.databind.JsonNode stores = stores();
        for (tools.jackson.databind.JsonNode s : stores == null ? JSON.createArrayNode() : stores) {
            if (store.equals(s.path("name").asString())) {
                return s.path("checkpoint").asLong();
            }
        }
        return -1;
    }

    /** The log head the application reports; 0 while it does not answer. */
    public long head() {
        tools.jackson.databind.JsonNode stores = stores();
        return stores == null || stores.isEmpty() ? 0 : stores.get(0).path("head").asLong();
    }

    /** Whether the demo's two stores (and any other configured) report the head and their checkpoint at {@code total}. */
    public boolean allAt(long total) {
        tools.jackson.databind.JsonNode stores = stores();
        boolean done = stores != null && stores.size() >= 2;
        for (tools.jackson.databind.JsonNode s : stores == null ? JSON.createArrayNode() : stores) {
            done &= s.path("head").asLong() == total && s.path("checkpoint").asLong() == total;
        }
        return done;
    }

    public String h2Url(String name) {
        return "jdbc:h2:file:" + data.resolve(name) + ";WRITE_DELAY=0";
    }

    /** One of the application's H2 databases, to read after it has stopped. */
    public JdbcDataSource h2(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(h2Url(name));
        dataSource.setUser("sa");
        return dataSource;
    }

    private static final class NoAnswer implements HttpResponse<String> {
        public int statusCode() {
            return 599;
        }

        public HttpRequest request() {
            return null;
        }

        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true);
        }

        public String body() {
            return "";
        }

        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        public URI uri() {
            return null;
        }

        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
