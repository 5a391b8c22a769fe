package io.bizmaster.home;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.PackagedJar;
import io.bizmaster.testing.TestPorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * BizMaster started from a folder that is not its own, as an installation is: the jar in a project's target/ finds
 * the project beside it, {@code BIZMASTER_HOME} and {@code --home} name it; its data/ is created there, never in the
 * folder it was started from, and the verbs that talk to it find its generated credentials there.
 */
class HomeIT {

    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    @TempDir
    Path folder;

    @Test
    void theJarInAProjectsTargetFolderRunsTheDemoFromAnyFolder() throws Exception {
        PackagedJar runner = new PackagedJar(folder);
        Path project = new PackagedJar(Files.createDirectories(folder.resolve("project"))).install();
        Path jar = Files.createDirectories(project.resolve("target")).resolve("bizmaster.jar");
        Files.copy(PackagedJar.jar(), jar);
        Path elsewhere = Files.createDirectories(folder.resolve("elsewhere"));

        PackagedJar.Streams demo = runner.run(elsewhere, jar, Map.of(), "demo", "--json", "--commands", "500",
                "--customers", "50", "--bizmaster.broker.port=" + TestPorts.free());
        assertThat(demo.exit()).as(demo.stderr()).isZero();
        JsonNode summary = JSON.readTree(demo.stdout());
        assertThat(summary.path("complete").asBoolean()).as(demo.stdout()).isTrue();
        assertThat(summary.path("posted").asInt()).isEqualTo(500);
        assertThat(summary.path("accepted").asLong() + summary.path("rejected").asLong()).isEqualTo(500);
        for (JsonNode store : summary.path("stores")) {
            assertThat(store.path("checkpoint").asLong()).as(store.toString()).isEqualTo(summary.path("head").asLong());
        }
        assertThat(demo.stderr()).contains("BizMaster home " + project.toAbsolutePath().normalize());
        assertThat(project.resolve("data/bizmaster.mv.db")).as("the business store, in the home").exists();
        assertThat(project.resolve("data/stores/legacy.mv.db")).exists();
        assertThat(project.resolve("data/artemis/journal")).isDirectory();
        assertThat(project.resolve("data/operator.credentials")).exists();
        assertThat(contents(elsewhere)).as("nothing in the folder it was started from").isEmpty();
    }

    @Test
    void runAndStatusFindTheHomeTheEnvironmentOrTheOptionNames() throws Exception {
        PackagedJar runner = new PackagedJar(folder);
        Path home = new PackagedJar(Files.createDirectories(folder.resolve("home"))).install();
        Path started = Files.createDirectories(folder.resolve("started-here"));
        Path asked = Files.createDirectories(folder.resolve("asked-from-here"));
        int httpPort = TestPorts.free();
        String url = "http://127.0.0.1:" + httpPort;
        Path log = folder.resolve("server.log");
        Process server = runner.start(started, PackagedJar.jar(), Map.of("BIZMASTER_HOME", home.toString()), log,
                "run", "--server.port=" + httpPort, "--bizmaster.broker.port=" + TestPorts.free());
        try {
            HttpClient http = HttpClient.newHttpClient();
            Eventually.await("the server answering", Duration.ofMinutes(3), () -> {
                assertThat(server.isAlive()).as("the server (see %s)", log).isTrue();
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                } catch (java.io.IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            assertThat(home.resolve("data/operator.credentials")).as("generated in the home").exists();

            PackagedJar.Streams byOption = runner.run(asked, PackagedJar.jar(), Map.of(), "status", "--json", "--url", url,
                    "--home", home.toString());
            assertThat(byOption.exit()).as(byOption.stderr()).isZero();
            assertThat(JSON.readTree(byOption.stdout()).findValuesAsString("name")).containsExactlyInAnyOrder("legacy", "modern");

            PackagedJar.Streams byEnvironment = runner.run(asked, PackagedJar.jar(), Map.of("BIZMASTER_HOME", home.toString()),
                    "status", "--url", url);
            assertThat(byEnvironment.exit()).as(byEnvironment.stderr()).isZero();
            assertThat(byEnvironment.stdout()).containsPattern("legacy\\s+primary").containsPattern("modern\\s+shadow");

            PackagedJar.Streams elsewhere = runner.run(asked, PackagedJar.jar(), Map.of(), "status", "--url", url,
                    "--home", asked.toString());
            assertThat(elsewhere.exit()).as("no credentials in that home").isEqualTo(2);
            assertThat(elsewhere.stderr().strip()).isEqualTo("BizMaster at " + url + " needs credentials and there are none in "
                    + asked.toAbsolutePath().normalize().resolve("data/operator.credentials") + ": give --home DIR (the folder BizMaster runs "
                    + "in) or --credentials FILE, or set BIZMASTER_USER and BIZMASTER_PASSWORD");
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        assertThat(contents(started)).as("nothing in the folder it was started from").isEmpty();
        assertThat(contents(asked)).isEmpty();
        assertThat(Files.readString(log)).contains("BizMaster home " + home.toAbsolutePath().normalize());
    }

    private static java.util.List<Path> contents(Path folder) throws java.io.IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
