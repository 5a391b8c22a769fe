package io.bizmaster.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.testing.ApiClient;
import io.bizmaster.testing.ApplicationFolder;
import io.bizmaster.testing.Cli;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.RunningApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A command a store cannot apply is parked for that store, by key: the key's later commands park behind it, every
 * other key goes on, the checkpoint moves, and verification says "parked", never "equal" or a bare difference. The
 * operator retries them in order once the cause is fixed (a converter version, a row of drift removed) or skips one,
 * with a reason. The stores are made to refuse as real ones do: a row written behind BizMaster's back (drift) makes an
 * insert violate the primary key.
 */
class ParkingTest extends RunningApplication {

    /** The demo's converters, plus modern@3: modern@1 with order.placed as an upsert, the "fixed version". */
    private static final Path CONVERTERS = convertersWithAFix();

    /** This class runs its own application (other converters): its own broker, ports and databases too. */
    private static final ApplicationFolder OWN = ApplicationFolder.create("bizmaster-parking");

    @DynamicPropertySource
    static void convertersWithFix(DynamicPropertyRegistry registry) {
        OWN.register(registry);
        registry.add("bizmaster.converters-dir", CONVERTERS::toString);
    }

    private ApiClient api;
    private String url;

    @LocalServerPort
    void port(int port) {
        url = "http://127.0.0.1:" + port;
    }

    @org.junit.jupiter.api.BeforeEach
    void client() {
        api = api();
    }

    @Test
    void aCommandAStoreRefusesIsParkedByKeyRetriedAfterAFixAndSkippedWithAReason() throws SQLException {
        Instant issued = Instant.parse("2026-03-01T09:00:00Z");
        // Drift in the shadow: p-o1 with other values, p-o5 exactly as order.placed will write it.
        drift(store("modern"), "INSERT INTO orders (id, customer_id, total, status) VALUES ('p-o1', 'someone', 1.00, 'PLACED')");
        drift(store("modern"), "INSERT INTO orders (id, customer_id, total, status, placed_at) VALUES ('p-o5', 'p-c1', 10.00, "
                + "'PLACED', ?)", Timestamp.from(issued));
        long before = log.head();
        post(List.of(placed("p-1", "p-o1", "12.30", issued), cancelled("p-2", "p-o1"), placed("p-3", "p-o2", "7", issued),
                placed("p-4", "p-o5", "10.00", issued)));
        awaitApplied(before + 4, Duration.ofSeconds(60));

        // Parked in the shadow, in order, behind the first; the other key applied; the primary has all of them.
        JsonNode parked = api.getJson("/api/stores/modern/parked");
        assertThat(parked.path("parkedNow").asLong()).isEqualTo(3);
        assertThat(parked.path("commands").findValuesAsString("commandId")).containsExactly("p-1", "p-2", "p-4");
        assertThat(parked.at("/commands/0/reason").asString()).contains("p-1", "seq " + (before + 1), "modern");
        assertThat(parked.at("/commands/1/reason").asString()).contains("waits behind it");
        assertThat(DemoStores.rows(store("modern"), "SELECT id, status FROM orders WHERE id = ?", "p-o2"))
                .containsEntry("p-o2", List.of("PLACED"));
        assertThat(DemoStores.rows(store("legacy"), "SELECT ID, STATUS_CODE FROM ORDERS WHERE ID = ?", "p-o1"))
                .containsEntry("p-o1", List.of(9L));
        assertThat(storeStatus("modern").parkedKeys()).isEqualTo(2);
        assertThat(api.getJson("/actuator/health/stores/modern").at("/details/parkedKeys").asInt()).isEqualTo(2);
        assertThat(api.getJson("/actuator/metrics/bizmaster.store.parked.keys?tag=store:modern")
                .at("/measurements/0/value").asDouble()).isEqualTo(2.0);

        JsonNode outcome = api.getJson("/api/commands/p-1");
        assertThat(outcome.at("/logged/0/stores").toString()).contains("{\"store\":\"legacy\",\"state\":\"APPLIED\"}");
        assertThat(outcome.at("/logged/0/stores/1/state").asString()).isEqualTo("PARKED");
        assertThat(outcome.at("/logged/0/stores/1/reason").asString()).contains("p-1");

        JsonNode verification = api.verify("legacy", "modern");
        assertThat(verification.path("outcome").asString()).as(verification.toString()).isEqualTo("PARKED");
        assertThat(verification.path("differenceCount").asLong()).isZero();
        assertThat(verification.path("parkedKeys").toString()).contains("order p-o1 (parked in modern)",
                "order p-o5 (parked in modern)");

        // The primary parks like any store: the system of record goes on with every other key.
        drift(store("legacy"), "INSERT INTO ORDERS (ID, CUSTOMER_ID, TOTAL, STATUS_CODE) VALUES ('p-o3', 'x', 1, 1)");
        post(List.of(placed("p-5", "p-o3", "3.00", issued), placed("p-6", "p-o6", "6.00", issued)));
        awaitApplied(before + 6, Duration.ofSeconds(60));
        assertThat(storeStatus("legacy").parkedKeys()).isEqualTo(1);
        assertThat(api.getJson("/api/stores/legacy/parked?key=p-o3").path("commands").findValuesAsString("commandId"))
                .containsExactly("p-5");
        assertThat(api.verify("legacy", "modern").path("parkedKeys").toString()).contains("order p-o3 (parked in legacy)");

        // Fixes: the primary's drift row removed; the shadow switched to the converter version that upserts.
        Cli.Run list = Cli.run("store", "parked", "legacy", "--url", url, "--credentials", credentialsFile());
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("1 command(s) parked in store legacy").containsPattern("PARKED\\s+p-o3\\s+order.placed");
        drift(store("legacy"), "DELETE FROM ORDERS WHERE ID = 'p-o3'");
        Cli.Run retry = Cli.run("store", "retry", "legacy", "--key", "p-o3", "--url", url, "--credentials", credentialsFile());
        assertThat(retry.out()).contains("store legacy: 1 applied, 0 still parked");
        api.postOk("/api/stores/modern/pause", "", 200);
        api.postOk("/api/stores/modern/converter", "{\"converter\":\"modern@3\"}", 200);
        api.postOk("/api/stores/modern/resume", "", 200);
        JsonNode retried = api.postOk("/api/stores/modern/parked/retry", "{\"key\":\"p-o1\"}", 200);
        assertThat(retried.path("applied").asInt()).isEqualTo(2);
        assertThat(retried.path("stillParked").asInt()).isZero();
        // In order: the placed (over the drift row), then the cancel.
        assertThat(DemoStores.rows(store("modern"), "SELECT id, customer_id, status FROM orders WHERE id = ?", "p-o1"))
                .containsEntry("p-o1", List.of("p-c1", "CANCELLED"));

        // Skip: p-o5's drift row already is what the command would write.
        long seq = api.getJson("/api/stores/modern/parked?key=p-o5").at("/commands/0/seq").asLong();
        assertThat(api.post("/api/stores/modern/parked/" + seq + "/skip", "{}").getStatus().value()).isEqualTo(400);
        Cli.Run skip = Cli.run("store", "skip", "modern", String.valueOf(seq), "--reason", "row already written by the old sync",
                "--url", url, "--credentials", credentialsFile());
        assertThat(skip.out()).contains("store modern: seq " + seq + " skipped (row already written by the old sync)");
        JsonNode skipped = api.getJson("/api/stores/modern/parked?key=p-o5").path("commands").get(0);
        assertThat(skipped.path("state").asString()).isEqualTo("SKIPPED");
        assertThat(skipped.path("skipReason").asString()).isEqualTo("row already written by the old sync");
        assertThat(api.getJson("/api/commands/p-4").at("/logged/0/stores/1").toString())
                .contains("SKIPPED", "row already written by the old sync");

        // Nothing parked any more: later commands of those keys apply, and the stores are proven equal.
        post(List.of(cancelled("p-7", "p-o5")));
        awaitApplied(before + 7, Duration.ofSeconds(60));
        assertThat(api.getJson("/api/stores/modern/parked").path("parkedNow").asLong()).isZero();
        assertThat(api.getJson("/api/stores/legacy/parked").path("parkedNow").asLong()).isZero();
        assertThat(api.getJson("/actuator/metrics/bizmaster.store.parked.keys?tag=store:modern")
                .at("/measurements/0/value").asDouble()).isZero();
        JsonNode equal = api.verify("legacy", "modern");
        assertThat(equal.path("outcome").asString()).as(equal.toString()).isEqualTo("EQUAL");
    }

    private static byte[] placed(String id, String key, String total, Instant issuedAt) {
        return ("{\"id\":\"" + id + "\",\"type\":\"order.placed\",\"key\":\"" + key + "\",\"issuedAt\":\"" + issuedAt
                + "\",\"payload\":{\"customerId\":\"p-c1\",\"total\":" + total + "}}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] cancelled(String id, String key) {
        return ("{\"id\":\"" + id + "\",\"type\":\"order.cancelled\",\"key\":\"" + key + "\",\"payload\":{}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void drift(DataSource ds, String sql, Object... params) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private static Path convertersWithAFix() {
        try {
            Path target = Files.createTempDirectory("bizmaster-converters");
            Path source = Path.of("converters");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy);
                    }
                }
            }
            String v1 = Files.readString(source.resolve("modern/v1.yaml"));
            String v3 = v1.replace("version: 1", "version: 3")
                    .replace("    - insert: orders\n", "    - upsert: orders\n");
            if (v3.equals(v1.replace("version: 1", "version: 3"))) {
                throw new IllegalStateException("modern/v1.yaml no longer inserts orders as this test expects");
            }
            Files.writeString(target.resolve("modern/v3.yaml"), v3);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
