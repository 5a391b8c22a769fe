package io.bizmaster.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.PackagedJar;
import io.bizmaster.testing.TestPorts;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code demo --bff} and the setup it shows ({@code examples/bff/application.yaml}) as a new user runs them from the
 * packaged jar, in a home holding the project's domains/ and examples/bff/ besides what every home holds.
 */
class BffDemoIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern POSTED = Pattern.compile(
            "Posted 300 commands \\(([0-9,]+) through the BFF's forwarding rules, (\\d+) bad on purpose\\)");
    private static final Pattern DOMAIN = Pattern.compile(
            "domain (crm|shop): posted ([0-9,]+), accepted ([0-9,]+), rejected ([0-9,]+); domain head ([0-9,]+) \\(\\+([0-9,]+)\\)\n");

    @TempDir
    Path folder;

    @Test
    void theDemoFeedsTwoDomainsAndTwoReadModelsVerifiesAndRebuildsThemAndCanBeRunAgain() throws Exception {
        home();
        long[] heads = {0, 0};
        for (int run = 1; run <= 2; run++) {
            // The second run asks for --json: the story on standard error, the summary alone on standard output.
            List<String> args = new java.util.ArrayList<>(List.of("demo", "--bff", "--commands", "300", "--customers", "40",
                    "--bizmaster.broker.port=" + TestPorts.free()));
            if (run == 2) {
                args.add("--json");
            }
            PackagedJar.Streams demo = new PackagedJar(folder).run(folder, PackagedJar.jar(), Map.of(),
                    args.toArray(String[]::new));
            String output = demo.stdout() + demo.stderr();
            assertThat(demo.exit()).as(output).isZero();
            if (run == 2) {
                JsonNode summary = JSON.readTree(demo.stdout());
                assertThat(summary.path("complete").asBoolean()).as(demo.stdout()).isTrue();
                assertThat(summary.path("domains").path("crm").path("posted").asLong()
                        + summary.path("domains").path("shop").path("posted").asLong()).isEqualTo(300);
                assertThat(summary.path("verificationsAfterReplay").findValuesAsString("outcome"))
                        .containsExactly("EQUAL", "EQUAL", "EQUAL", "EQUAL");
                assertThat(summary.path("replay").findValues("equalToLive")).extracting(JsonNode::asBoolean)
                        .containsExactly(true, true);
            }

            Matcher posted = POSTED.matcher(output);
            assertThat(posted.find()).as(output).isTrue();
            assertThat(number(posted.group(1))).as("BFF mutations in the stream").isPositive();
            long bad = number(posted.group(2));
            assertThat(bad).isPositive();
            Matcher domain = DOMAIN.matcher(output);
            long postedToDomains = 0;
            long rejected = 0;
            for (int d = 0; d < 2; d++) {
                assertThat(domain.find()).as(output).isTrue();
                long count = number(domain.group(2));
                assertThat(number(domain.group(3)) + number(domain.group(4))).as(domain.group()).isEqualTo(count);
                assertThat(number(domain.group(4))).as("each domain rejects some: " + domain.group()).isPositive();
                // Each domain numbers its own commands: its head moved by exactly what it was posted, run after run.
                assertThat(number(domain.group(6))).as(domain.group()).isEqualTo(count);
                assertThat(number(domain.group(5))).as(domain.group()).isEqualTo(heads[d] + count);
                heads[d] = number(domain.group(5));
                postedToDomains += count;
                rejected += number(domain.group(4));
            }
            assertThat(postedToDomains).isEqualTo(300);
            assertThat(rejected).isEqualTo(bad);

            assertThat(output).as("run " + run)
                    .contains("store storefront (storefront@1) at " + 300 * run + ": customers ")
                    .contains("BFF demo complete");
            for (String when : List.of("as fed live", "after the rebuild")) {
                for (String pair : List.of("crmstore backoffice", "shopstore backoffice", "crmstore storefront",
                        "shopstore storefront")) {
                    String[] stores = pair.split(" ");
                    assertThat(output).containsPattern("verify " + pair + " \\(" + when + "\\): store " + stores[0]
                            + " and store " + stores[1] + " are equal at seq " + 300 * run + " \\([0-9,]+ rows\\)");
                }
            }
            assertThat(output)
                    .containsPattern("replay --store backoffice --from 0: DONE, [0-9,]+ commands replayed in [0-9.]+ s; "
                            + "customers [0-9,]+, orders [0-9,]+; rows equal to the live ones")
                    .containsPattern("replay --store storefront --from 0: DONE, [0-9,]+ commands replayed in [0-9.]+ s; "
                            + "customers [0-9,]+, orders [0-9,]+; rows equal to the live ones");

            String backOffice = line(output, "  backoffice customer_orders: ");
            String storefrontLine = line(output, "  storefront customers: ");
            assertThat(storefrontLine).endsWith("(no email, no street: crm customer-card@1 does not publish them)");
            // The row itself, before the explanation: its columns and values.
            String storefront = storefrontLine.substring(0, storefrontLine.indexOf("  (no email"));
            assertThat(backOffice).containsPattern("email=[^,]+@example\\.com");
            String customer = backOffice.replaceAll(".*customer_id=([^,]+),.*", "$1");
            assertThat(storefront).as("the same customer, without what customer-card@1 does not publish")
                    .contains("id=" + customer + ",").doesNotContain("email", "@", "street");
            assertThat(output).containsPattern("  storefront orders: +id=[^,]+, customer_id=" + Pattern.quote(customer)
                    + ", total=[0-9.]+  \\(web orders as placed");
        }
    }

    /** examples/bff/application.yaml is a setup {@code run} starts, whose gateway forwards what the BFF posts. */
    @Test
    void theExampleSetupRunsAndItsGatewayForwardsTheBffsMutations() throws Exception {
        home();
        int httpPort = TestPorts.free();
        String url = "http://127.0.0.1:" + httpPort;
        Path log = folder.resolve("server.log");
        Process server = new PackagedJar(folder).start(folder, PackagedJar.jar(), Map.of(), log, "run",
                "--spring.config.additional-location=examples/bff/application.yaml", "--server.port=" + httpPort,
                "--bizmaster.broker.port=" + TestPorts.free());
        try {
            HttpClient http = HttpClient.newHttpClient();
            Eventually.await("the server answering", Duration.ofMinutes(3), () -> {
                assertThat(server.isAlive()).as("the server (see %s)", log).isTrue();
                try {
                    return send(http, HttpRequest.newBuilder(URI.create(url + "/actuator/health")).build()).statusCode() == 200;
                } catch (IllegalStateException e) {
                    return false;
                }
            });
            Properties credentials = new Properties();
            credentials.load(new StringReader(Files.readString(folder.resolve("data/operator.credentials"))));
            String auth = "Basic " + Base64.getEncoder().encodeToString((credentials.getProperty("user") + ":"
                    + credentials.getProperty("password")).getBytes(StandardCharsets.UTF_8));

            JsonNode stores = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url + "/api/stores"))
                    .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(stores.findValuesAsString("name"))
                    .contains("legacy", "modern", "crmstore", "shopstore", "backoffice", "storefront");

            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(url + "/api/commands"))
                    .header("Authorization", auth).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"bff-it-1\",\"type\":\"bff.customer.rename\","
                            + "\"key\":\"C1\",\"payload\":{\"displayName\":\" Ada King \"}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            JsonNode routed = JSON.readTree(posted.body()).path("routed").get(0);
            assertThat(routed.path("type").asString()).isEqualTo("crm.customer.renamed");
            assertThat(routed.path("queue").asString()).isEqualTo("biz.domain.crm");
            assertThat(routed.path("forwardedFrom").asString()).isEqualTo("bff.customer.rename");

            JsonNode[] outcome = new JsonNode[1];
            Eventually.await("bff-it-1 logged", Duration.ofMinutes(1), () -> {
                HttpResponse<String> answer = send(http, HttpRequest.newBuilder(URI.create(url + "/api/commands/bff-it-1"))
                        .header("Authorization", auth).build());
                outcome[0] = answer.statusCode() == 200 ? JSON.readTree(answer.body()) : null;
                return outcome[0] != null && outcome[0].toString().contains("ACCEPTED");
            }, () -> String.valueOf(outcome[0]));
            assertThat(outcome[0].toString()).contains("crm", "Ada King");
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** A home as PackagedJar makes it, with the BFF example's domains and settings. */
    private void home() throws IOException {
        new PackagedJar(folder).install();
        for (String dir : List.of("domains", "examples/bff")) {
            Path source = Path.of(dir).toAbsolutePath();
            try (var files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path target = folder.resolve(dir).resolve(source.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    if (!Files.isDirectory(file)) {
                        Files.copy(file, target);
                    }
                }
            }
        }
    }

    /** One request; a server not answering yet is an IllegalStateException, for the waits above. */
    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String line(String output, String start) {
        return output.lines().filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting '" + start + "' in:\n" + output));
    }

    private static long number(String text) {
        return Long.parseLong(text.replace(",", ""));
    }
}
