package io.bizmaster.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.command.CommandCatalog;
import io.bizmaster.command.CommandParser;
import io.bizmaster.command.ParseResult;
import io.bizmaster.command.SequencedCommand;
import io.bizmaster.convert.BConverter;
import io.bizmaster.convert.ConverterRegistry;
import io.bizmaster.convert.StoreSession;
import io.bizmaster.demo.DemoModel;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.store.jdbc.Dialect;
import io.bizmaster.store.jdbc.StoreSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo domain's two schemas, fed the same stream through their real converters, compared through
 * the projections in converters/legacy and converters/modern: equal as fed, then exactly the differences
 * planted in the modern store by direct SQL.
 */
class DemoProjectionsTest {

    static java.util.stream.Stream<Arguments> engines() {
        return java.util.stream.Stream.of(
                Arguments.of(Dialect.H2, Dialect.H2),
                Arguments.of(Dialect.POSTGRESQL, Dialect.MARIADB),
                Arguments.of(Dialect.MARIADB, Dialect.POSTGRESQL));
    }


    @ParameterizedTest(name = "legacy on {0} against modern on {1}")
    @MethodSource("engines")
    void legacyAndModernAgreeAsFedAndDifferExactlyWherePlanted(Dialect legacyEngine, Dialect modernEngine) throws SQLException {
        ConverterRegistry converters = new ConverterRegistry(Path.of("converters"), List.of());
        DataSource legacy = TestDatabases.fresh(legacyEngine);
        DataSource modern = TestDatabases.fresh(modernEngine);
        StoreSchema.migrate(legacy, converters.schemaDirectory("legacy"));
        StoreSchema.migrate(modern, converters.schemaDirectory("modern"));
        DemoStream stream = DemoStream.generate(3_000, 300, 7, "demo");
        List<SequencedCommand> commands = accepted(stream);
        feed(converters.get("legacy@1"), legacy, commands);
        feed(converters.get("modern@1"), modern, commands);
        Projections projections = new Projections(Path.of("converters"), new ProjectionLoader());
        VerifiedStore legacyStore = VerifiedStore.still("legacy", legacy, projections.of("legacy"));
        VerifiedStore modernStore = VerifiedStore.still("modern", modern, projections.of("modern"));
        Verifier verifier = new Verifier(ChangedKeys.withoutLog(),
                new Verifier.Settings(100, 100, 1000, Duration.ofSeconds(5), Duration.ofMillis(50)));
        DemoModel model = stream.model();

        VerificationReport asFed = verifier.verify(legacyStore, modernStore, null);

        assertThat(asFed.error()).isNull();
        assertThat(asFed.outcome()).as(asFed.summary()).isEqualTo(Outcome.EQUAL);
        assertThat(asFed.matched()).isEqualTo(model.customers().size() + model.orders().size());
        assertThat(asFed.entities()).extracting(EntityReport::entity).containsExactly("customer", "order");
        assertThat(asFed.entities().get(1).notCompared()).isEqualTo(Map.of("modern", List.of("cancel_reason")));
        assertThat(asFed.entities().get(1).columns()).containsExactly("customer_id", "total", "status", "placed_at");

        String placedOrder = model.orders().entrySet().stream().filter(o -> !o.getValue().cancelled).findFirst().orElseThrow().getKey();
        TestDatabases.update(modern, "UPDATE customers SET last_name = 'Planted' WHERE id = 'demo-C5'");
        TestDatabases.update(modern, "DELETE FROM addresses WHERE customer_id = 'demo-C7'");
        TestDatabases.update(modern, "DELETE FROM customers WHERE id = 'demo-C9'");
        TestDatabases.update(modern, "INSERT INTO customers (id, first_name, loyalty_points) VALUES ('demo-X1', 'Extra', 0)");
        TestDatabases.update(modern, "UPDATE orders SET total = total + 0.01 WHERE id = 'demo-O3'");
        TestDatabases.update(modern, "UPDATE orders SET status = 'CANCELLED' WHERE id = ?", placedOrder);

        VerificationReport planted = verifier.verify(legacyStore, modernStore, null);

        assertThat(PlantedDifferencesTest.differences(planted)).containsExactlyInAnyOrder(
                "DIFFERENT demo-C5 [name]",
                "DIFFERENT demo-C7 [address]",
                "MISSING demo-C9",
                "EXTRA demo-X1",
                "DIFFERENT demo-O3 [total]",
                "DIFFERENT " + placedOrder + " [status]");
        Difference renamed = planted.differences().stream().filter(d -> d.key().equals("demo-C5")).findFirst().orElseThrow();
        assertThat(renamed.target().get("name")).endsWith(" Planted");
        assertThat(renamed.source().get("name")).isEqualTo(model.customers().get("demo-C5").name);
        assertThat(planted.matched()).isEqualTo(model.customers().size() + model.orders().size() - 5);

        VerificationReport ordersOnly = verifier.verify(legacyStore, modernStore, "order");
        assertThat(ordersOnly.entities()).extracting(EntityReport::entity).containsExactly("order");
        assertThat(ordersOnly.differenceCount()).isEqualTo(2);
    }

    static List<SequencedCommand> accepted(DemoStream stream) {
        CommandParser parser = new CommandParser(new CommandCatalog(Path.of("commands/catalog.yaml")));
        List<SequencedCommand> commands = new ArrayList<>();
        long seq = 0;
        for (byte[] message : stream.messages()) {
            seq++;
            if (parser.parse(message) instanceof ParseResult.Accepted accepted) {
                commands.add(new SequencedCommand(seq, accepted.command()));
            }
        }
        return commands;
    }

    static void feed(BConverter converter, DataSource ds, List<SequencedCommand> commands) throws SQLException {
        for (int from = 0; from < commands.size(); from += 500) {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try (StoreSession session = new StoreSession("test", c, Dialect.of(c))) {
                    for (SequencedCommand command : commands.subList(from, Math.min(commands.size(), from + 500))) {
                        if (converter.handles(command.command().type())) {
                            converter.apply(command, session);
                        }
                    }
                }
                c.commit();
            }
        }
    }
}
