package io.bizmaster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.ExternalDatabases;
import io.bizmaster.testing.PackagedJar;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README as a test: every line of its "Use it" section run as written, in order, by bash in a folder laid out like
 * the project (the packaged jar in target/, the examples), against the server its run lines start on the README's own
 * ports. Each line must do what its comment says: the CLI's exit code 0 and its answer, curl's HTTP status 2xx.
 */
class ReadmeIT {

    private static final Pattern COMMENT = Pattern.compile("\\s{2,}#.*$|\\s+# [^'\"]*$");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path folder;

    @Test
    void everyLineOfUseItWorksAsWritten() throws Exception {
        List<String> lines = useIt(Files.readString(Path.of("README.md")));
        assertThat(lines).as("the Use it block").hasSizeGreaterThan(20);
        for (int port : new int[] {8080, 61616}) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress("127.0.0.1", port));
            } catch (IOException e) {
                fail("the README's lines use port " + port + ", and something on this machine listens there: " + e.getMessage());
            }
        }
        layOutProject();
        // What examples/log-move.yaml's first lines ask the user to prepare.
        postgres("DROP SCHEMA IF EXISTS bizmaster_log CASCADE", "CREATE SCHEMA bizmaster_log");
        Map<String, String> environment = Map.of("BIZ_LOG_PASSWORD", "not-checked-by-a-trusting-server");
        Process server = null;
        String shell = "";
        try {
            for (String written : lines) {
                String line = COMMENT.matcher(written).replaceFirst("");
                if (line.startsWith("java -jar target/bizmaster.jar run")) {
                    if (server != null) {
                        stop(server);
                    }
                    server = start(line, environment);
                    awaitUp(server);
                    Outcome status = bash("java -jar target/bizmaster.jar status", environment);
                    assertThat(status.exit()).as(line + ": status against it " + status).isZero();
                    continue;
                }
                if (line.matches("[A-Z_]+=.*")) {
                    shell += line + "\n";
                    continue;
                }
                boolean curl = line.startsWith("curl ");
                Outcome outcome = bash(shell + line + (curl ? " -w '\\nHTTP %{http_code}\\n'" : ""), environment);
                if (curl) {
                    Matcher status = Pattern.compile("HTTP (\\d{3})\\s*$").matcher(outcome.out());
                    assertThat(status.find()).as(line + ": " + outcome).isTrue();
                    assertThat(Integer.parseInt(status.group(1))).as(line + ": " + outcome).isBetween(200, 299);
                } else {
                    assertThat(outcome.exit()).as(line + ": " + outcome).isZero();
                }
                check(line, outcome);
            }
        } finally {
            if (server != null) {
                bash("curl -s -u \"operator:$(sed -n 's/^password=//p' data/operator.credentials)\" -XPOST "
                        + "localhost:8080/api/migrations/log-to-pg/cancel -H 'content-type: application/json' -d '{}'", environment);
                stop(server);
            }
            postgres("DROP SCHEMA IF EXISTS bizmaster_log CASCADE");
        }
    }

    /** What a line's comment promises, beyond its exit code or status. */
    private void check(String line, Outcome outcome) throws Exception {
        if (line.contains(" post examples/commands.jsonl")) {
            assertThat(outcome.out()).contains("sent 5, failed 0");
            // The stores apply the commands asynchronously: what `status` would show a moment later.
            Eventually.await("the example commands applied", Duration.ofMinutes(1), () -> statusLines().stream()
                    .filter(l -> l.startsWith("legacy") || l.startsWith("modern "))
                    .allMatch(l -> l.matches(".*\\s5\\s+5\\s+0.*")));
        } else if (line.contains(" verify legacy modern")) {
            assertThat(outcome.out()).contains("equal");
        } else if (line.contains(" replay --store modern --from 0 --wait")) {
            assertThat(outcome.out() + outcome.err()).contains("DONE");
        } else if (line.contains(" migrate status modern-v2 --follow")) {
            assertThat(outcome.out() + outcome.err()).contains("READY");
        } else if (line.contains(" migrate cutover modern-v2") && !line.contains("--dry-run")) {
            assertThat(outcome.out() + outcome.err()).contains("CUT_OVER");
        } else if (line.contains("/api/commands/example-1")) {
            assertThat(outcome.out()).contains("\"id\":\"example-1\"", "\"state\":\"APPLIED\"");
        } else if (line.endsWith(" domains")) {
            assertThat(outcome.out()).containsPattern("default\\s+biz\\.commands\\s+[0-9,]+\\s+6\\s+legacy, modern");
        } else if (line.contains("health/readiness")) {
            assertThat(outcome.out()).contains("\"status\":\"UP\"");
        } else if (line.contains("log-move.yaml")) {
            assertThat(outcome.out()).contains("\"id\":\"log-to-pg\"");
        }
    }

    private List<String> statusLines() {
        try {
            return bash("java -jar target/bizmaster.jar status", Map.of()).out().lines().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** The lines of the README's "Use it" code block. */
    static List<String> useIt(String readme) {
        int section = readme.indexOf("\n## Use it");
        int start = readme.indexOf("```bash\n", section) + "```bash\n".length();
        int end = readme.indexOf("```", start);
        List<String> lines = new ArrayList<>();
        for (String line : readme.substring(start, end).split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    /** The folder a user has after building: the project's files and target/bizmaster.jar. */
    private void layOutProject() throws IOException {
        new PackagedJar(folder).install();
        Files.createDirectories(folder.resolve("target"));
        Files.copy(Path.of("target", "bizmaster.jar"), folder.resolve("target/bizmaster.jar"));
        try (var files = Files.walk(Path.of("examples"))) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(file.toString()));
            }
        }
    }

    private record Outcome(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Outcome bash(String script, Map<String, String> environment) throws IOException, InterruptedException {
        Path out = Files.createTempFile(folder, "line", ".out");
        Path err = Files.createTempFile(folder, "line", ".err");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).directory(folder.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                fail(script + " did not end in 5 minutes: " + Files.readString(err));
            }
        } finally {
            process.destroyForcibly();
        }
        return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The run line as the server: bash replaced by java (exec), so this handle stops the server itself. */
    private Process start(String line, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "exec " + line).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(Files.createTempFile(folder, "server", ".log").toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static void awaitUp(Process server) {
        Eventually.await("the server on :8080", Duration.ofMinutes(2), () -> {
            if (!server.isAlive()) {
                fail("the server ended with " + server.exitValue());
            }
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/actuator/health"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                return health.body().contains("\"UP\"");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(60, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
        }
    }

    private static void postgres(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (java.sql.SQLException e) {
            if (ExternalDatabases.underCi()) {
                throw e;
            }
            org.junit.jupiter.api.Assumptions.abort("PostgreSQL is not reachable at 127.0.0.1:5432 (" + e.getMessage()
                    + "): the README's log move needs it; skipping");
        }
    }
}
