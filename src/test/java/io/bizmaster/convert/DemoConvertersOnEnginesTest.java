package io.bizmaster.convert;

import static io.bizmaster.convert.TestCommands.cmd;
import static io.bizmaster.convert.TestStores.apply;
import static io.bizmaster.convert.TestStores.row;
import static io.bizmaster.convert.TestStores.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bizmaster.command.SequencedCommand;
import io.bizmaster.store.jdbc.Dialect;
import io.bizmaster.store.jdbc.StoreSchema;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The demo converters on H2, PostgreSQL and MariaDB: schema from converters/<name>/schema via
 * StoreSchema, the same command stream into a legacy@1, a modern@1 and a modern@2 store.
 */
class DemoConvertersOnEnginesTest {

    static final List<SequencedCommand> STREAM = List.of(
            cmd(1, "customer.registered", "c1", "{`name`: `Mary Ann Smith`, `email`: `Mary.Smith@Example.com`,"
                    + " `address`: {`street`: `1 Main St`, `zip`: `12345`, `city`: `Springfield`}}"),
            cmd(2, "customer.registered", "c2", "{`name`: `Cherilyn Sarkisian`,"
                    + " `address`: {`street`: `Rue de l'Hôtel 5`, `zip`: `75001`, `city`: `Paris`}}"),
            cmd(3, "customer.credited", "c1", "{`amount`: 100}"),
            cmd(4, "customer.credited", "c1", "{`amount`: 25}"),
            cmd(5, "customer.renamed", "c2", "{`name`: `Cher`}"),
            cmd(6, "customer.moved", "c1", "{`address`: {`street`: `2 Elm St`, `zip`: `54321`, `city`: `Shelbyville`}}"),
            // A second batch: statements are prepared again in the new transaction.
            cmd(7, "order.placed", "o1", "{`customerId`: `c1`, `total`: 12.30}"),
            cmd(8, "order.placed", "o2", "{`customerId`: `c2`, `total`: 9999999999.99}"),
            cmd(9, "order.cancelled", "o2", "{`reason`: `changed my mind`}"),
            cmd(10, "order.placed", "o3", "{`customerId`: `c2`, `total`: 5}"),
            cmd(11, "order.cancelled", "o3", "{}"),
            cmd(12, "customer.renamed", "ghost", "{`name`: `Nobody`}"),
            cmd(13, "customer.credited", "ghost", "{`amount`: 1}"),
            cmd(14, "customer.forgotten", "c1", "{}"));

    private static DataSource store(Dialect dialect, ConverterRegistry registry, String converterName) {
        DataSource ds = TestStores.fresh(dialect);
        StoreSchema.migrate(ds, registry.schemaDirectory(converterName));
        // Migrating again finds nothing to do.
        StoreSchema.migrate(ds, registry.schemaDirectory(converterName));
        return ds;
    }

    private static void feed(BConverter converter, DataSource ds, String store) throws SQLException {
        apply(converter, ds, store, STREAM.subList(0, 6));
        apply(converter, ds, store, STREAM.subList(6, STREAM.size()));
    }

    private static LocalDateTime utc(long seq) {
        return LocalDateTime.ofInstant(TestCommands.issuedAt(seq), ZoneOffset.UTC);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void legacyStoresTheOldShape(Dialect dialect) throws SQLException {
        ConverterRegistry registry = new ConverterRegistry(Path.of("converters"), List.of());
        DataSource ds = store(dialect, registry, "legacy");
        YamlConverter legacy = (YamlConverter) registry.get("legacy@1");

        feed(legacy, ds, "legacy-" + dialect);

        var c1 = row(ds, "SELECT * FROM CUSTOMER WHERE ID = ?", "c1");
        assertThat(c1.string("NAME")).isEqualTo("Mary Ann Smith");
        assertThat(c1.string("EMAIL")).isEqualTo("Mary.Smith@Example.com");
        assertThat(c1.string("ADDRESS")).isEqualTo("2 Elm St, 54321 Shelbyville");
        assertThat(c1.number("BALANCE")).isEqualTo(125L);
        var c2 = row(ds, "SELECT * FROM CUSTOMER WHERE ID = ?", "c2");
        assertThat(c2.string("NAME")).isEqualTo("Cher");
        assertThat(c2.get("EMAIL")).isNull();
        assertThat(c2.string("ADDRESS")).isEqualTo("Rue de l'Hôtel 5, 75001 Paris");
        assertThat(c2.number("BALANCE")).isZero();

        var o1 = row(ds, "SELECT * FROM ORDERS WHERE ID = ?", "o1");
        assertThat(o1.string("CUSTOMER_ID")).isEqualTo("c1");
        assertThat(o1.decimal("TOTAL")).isEqualTo(new BigDecimal("12.30"));
        assertThat(o1.number("STATUS_CODE")).isEqualTo(1L);
        assertThat(o1.time("PLACED_AT")).isEqualTo(utc(7));
        var o2 = row(ds, "SELECT * FROM ORDERS WHERE ID = ?", "o2");
        assertThat(o2.decimal("TOTAL")).isEqualTo(new BigDecimal("9999999999.99"));
        assertThat(o2.number("STATUS_CODE")).isEqualTo(9L);
        assertThat(o2.time("PLACED_AT")).as("an UPDATE must not touch the TIMESTAMP column").isEqualTo(utc(8));
        assertThat(rows(ds, "SELECT ID FROM CUSTOMER")).hasSize(2);
        assertThat(legacy.noRowMatchedCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void verifyTellsWhetherAConverterFitsAStore(Dialect dialect) throws SQLException {
        ConverterRegistry registry = new ConverterRegistry(Path.of("converters"), List.of());
        DataSource ds = store(dialect, registry, "legacy");
        try (Connection c = ds.getConnection()) {
            ((YamlConverter) registry.get("legacy@1")).verify(c);
            assertThatThrownBy(() -> ((YamlConverter) registry.get("modern@1")).verify(c))
                    .isInstanceOf(SQLException.class)
                    .hasMessageStartingWith("converter modern@1 does not fit this store: operation on.");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void modernSplitsNamesAndAddresses(Dialect dialect) throws SQLException {
        ConverterRegistry registry = new ConverterRegistry(Path.of("converters"), List.of());
        DataSource v1 = store(dialect, registry, "modern");
        DataSource v2 = store(dialect, registry, "modern");
        YamlConverter modern1 = (YamlConverter) registry.get("modern@1");

        feed(modern1, v1, "modern1-" + dialect);
        feed(registry.get("modern@2"), v2, "modern2-" + dialect);

        for (DataSource ds : List.of(v1, v2)) {
            var c1 = row(ds, "SELECT * FROM customers WHERE id = ?", "c1");
            assertThat(c1.string("first_name")).isEqualTo("Mary");
            assertThat(c1.string("last_name")).isEqualTo("Ann Smith");
            assertThat(c1.number("loyalty_points")).isEqualTo(125L);
            var c2 = row(ds, "SELECT * FROM customers WHERE id = ?", "c2");
            assertThat(c2.string("first_name")).isEqualTo("Cher");
            assertThat(c2.get("last_name")).as("renamed to a single word").isNull();
            assertThat(c2.get("email")).isNull();
            assertThat(c2.number("loyalty_points")).isZero();

            var a1 = row(ds, "SELECT * FROM addresses WHERE customer_id = ?", "c1");
            assertThat(List.of(a1.string("street"), a1.string("zip"), a1.string("city"))).containsExactly("2 Elm St", "54321", "Shelbyville");
            assertThat(row(ds, "SELECT street FROM addresses WHERE customer_id = ?", "c2").string("street")).isEqualTo("Rue de l'Hôtel 5");

            var o1 = row(ds, "SELECT * FROM orders WHERE id = ?", "o1");
            assertThat(o1.string("customer_id")).isEqualTo("c1");
            assertThat(o1.decimal("total")).isEqualTo(new BigDecimal("12.30"));
            assertThat(o1.string("status")).isEqualTo("PLACED");
            assertThat(o1.time("placed_at")).isEqualTo(utc(7));
            assertThat(o1.get("cancel_reason")).isNull();
            var o2 = row(ds, "SELECT * FROM orders WHERE id = ?", "o2");
            assertThat(o2.string("status")).isEqualTo("CANCELLED");
            assertThat(o2.string("cancel_reason")).isEqualTo("changed my mind");
            var o3 = row(ds, "SELECT * FROM orders WHERE id = ?", "o3");
            assertThat(o3.string("status")).isEqualTo("CANCELLED");
            assertThat(o3.get("cancel_reason")).isNull();
            assertThat(o3.decimal("total")).isEqualTo(new BigDecimal("5.00"));
        }
        assertThat(row(v1, "SELECT email FROM customers WHERE id = 'c1'").string("email")).isEqualTo("Mary.Smith@Example.com");
        assertThat(row(v2, "SELECT email FROM customers WHERE id = 'c1'").string("email")).isEqualTo("mary.smith@example.com");
        assertThat(modern1.noRowMatchedCount()).isEqualTo(2);
    }
}
