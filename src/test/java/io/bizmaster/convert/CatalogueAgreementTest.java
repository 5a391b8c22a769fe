package io.bizmaster.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.command.CommandCatalog;
import io.bizmaster.store.jdbc.Dialect;
import io.bizmaster.store.jdbc.StoreSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The catalogue against the columns the demo converters write, on every engine: the shipped catalogue and schemas
 * agree; a catalogue that lets through what a column cannot hold, or a MariaDB schema without its own migrations
 * (TIMESTAMP until 2038, keys that ignore case), is refused, naming command type, field, store, table and column.
 */
class CatalogueAgreementTest {

    private static final ConverterRegistry CONVERTERS = new ConverterRegistry(Path.of("converters"), List.of());
    private static final CommandCatalog DEMO = new CommandCatalog(Path.of("commands/catalog.yaml"));

    private static List<String> problems(CommandCatalog catalog, DataSource ds, String store, String converter)
            throws SQLException {
        try (Connection c = ds.getConnection()) {
            return new CatalogueAgreement(catalog).problems(store, CONVERTERS.get(converter), c);
        }
    }

    private static DataSource schema(Dialect dialect, Path schemaDir) {
        DataSource ds = TestStores.fresh(dialect);
        StoreSchema.migrate(ds, schemaDir);
        return ds;
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theShippedCatalogueFitsEveryDemoStore(Dialect dialect) throws SQLException {
        for (String converter : List.of("legacy", "modern")) {
            DataSource ds = schema(dialect, CONVERTERS.schemaDirectory(converter));
            for (String version : List.of(converter + "@1", converter.equals("modern") ? "modern@2" : "legacy@1")) {
                assertThat(problems(DEMO, ds, converter, version)).as(dialect + " " + version).isEmpty();
            }
        }
    }

    @Test
    void limitsWiderThanTheColumnsAreNamed() throws SQLException, IOException {
        String wide = Files.readString(Path.of("commands/catalog.yaml"))
                .replace("key: {description: order id, maxLength: 64}", "key: order id")
                .replace("name:    {type: string, required: true, minLength: 1, maxLength: 100}",
                        "name:    {type: string, required: true, minLength: 1, maxLength: 200}")
                .replace("total:      {type: decimal, required: true, min: 0, max: 1000000000, scale: 2}",
                        "total:      {type: decimal, required: true, min: 0, max: 100000000000, scale: 3}")
                .replace("email:   {type: string, maxLength: 200}", "email:   {type: string}");
        CommandCatalog catalog = CommandCatalog.fromYaml(wide, "wide.yaml");

        List<String> legacy = problems(catalog, schema(Dialect.H2, CONVERTERS.schemaDirectory("legacy")), "old", "legacy@1");
        assertThat(legacy).anySatisfy(p -> assertThat(p).startsWith("store 'old' (converter legacy@1), on.order.placed[0] "
                + "(insert ORDERS), table ORDERS, column ID (CHARACTER VARYING(64)) = key: key (order.placed allows 200) "
                + "can be 200 characters long, the column holds 64"));
        assertThat(legacy).anySatisfy(p -> assertThat(p).contains("column TOTAL").contains("payload.total (order.placed")
                .contains("allows 0 to 100000000000, the column holds -9999999999.99 to 9999999999.99"));
        assertThat(legacy).anySatisfy(p -> assertThat(p).contains("column TOTAL").contains("allows 3 decimals, the column keeps 2"));
        assertThat(legacy).anySatisfy(p -> assertThat(p).contains("column EMAIL").contains("payload.email (customer.registered, "
                + "no maxLength) has no length limit in the catalogue, the column holds 200"));
        // Legacy keeps the whole name in a VARCHAR(200): a 200-character name fits there.
        assertThat(legacy).noneSatisfy(p -> assertThat(p).contains("column NAME"));

        List<String> modern = problems(catalog, schema(Dialect.H2, CONVERTERS.schemaDirectory("modern")), "new", "modern@1");
        assertThat(modern).anySatisfy(p -> assertThat(p).contains("on.customer.registered[0] (upsert customers), table "
                + "CUSTOMERS, column FIRST_NAME (CHARACTER VARYING(100)) = split(payload.name, ' ', 0): split(payload.name "
                + "(customer.registered, maxLength 200)").contains("can be 200 characters long, the column holds 100"));
        // customer keys stay bounded at 64 in this catalogue.
        assertThat(modern).noneSatisfy(p -> assertThat(p).contains("column ID (CHARACTER VARYING(64)) = key: key (customer."));
    }

    /** MariaDB's V2 lives in schema-mariadb/; without it, TIMESTAMP and the case-blind default collation are found. */
    @Test
    void aMariaDbSchemaWithoutItsOwnMigrationsIsRefused(@TempDir Path dir) throws SQLException, IOException {
        Path shared = dir.resolve("schema");
        Files.createDirectories(shared);
        Files.copy(Path.of("converters/legacy/schema/V1__legacy.sql"), shared.resolve("V1__legacy.sql"));
        DataSource ds = schema(Dialect.MARIADB, shared);

        List<String> problems = problems(DEMO, ds, "old", "legacy@1");

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("table ORDERS, column PLACED_AT (TIMESTAMP) = "
                + "timestamp(issuedAt): timestamp(issuedAt) can be any time from 1000-01-01T00:00:00Z")
                .contains("holds 1970-01-01T00:00:01Z to 2038-01-19T03:14:07.999999Z only; use DATETIME(3)"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("table ORDERS, key column ID (VARCHAR(64) "
                + "utf8mb4_general_ci): compares text without regard to case"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("table CUSTOMER, key column ID"));

        StoreSchema.migrate(ds, Path.of("converters/legacy/schema"));
        assertThat(problems(DEMO, ds, "old", "legacy@1")).isEmpty();

        // What the engine's own V2 makes possible: keys that differ only in case are two rows, 2100 is a time.
        var placed = TestCommands.cmd(1, "order.placed", "O-1", "{`customerId`: `c1`, `total`: 1}");
        var later = new io.bizmaster.command.SequencedCommand(3, new io.bizmaster.command.Command("cmd-3", "order.placed",
                "o-2", placed.command().payload(), "test-app", java.time.Instant.parse("2100-01-01T00:00:00Z")));
        TestStores.apply(CONVERTERS.get("legacy@1"), ds, "old",
                List.of(placed, TestCommands.cmd(2, "order.placed", "o-1", "{`customerId`: `c1`, `total`: 2}"), later));
        assertThat(TestStores.rows(ds, "SELECT ID FROM ORDERS ORDER BY TOTAL")).extracting(r -> r.string("ID"))
                .containsExactlyInAnyOrder("O-1", "o-1", "o-2");
        assertThat(TestStores.row(ds, "SELECT PLACED_AT FROM ORDERS WHERE ID = ?", "o-2").get("PLACED_AT").toString())
                .startsWith("2100-01-01");
    }
}
