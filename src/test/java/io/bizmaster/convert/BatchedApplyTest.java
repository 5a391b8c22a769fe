package io.bizmaster.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.command.CommandCatalog;
import io.bizmaster.command.CommandParser;
import io.bizmaster.command.ParseResult;
import io.bizmaster.command.SequencedCommand;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.store.jdbc.Dialect;
import io.bizmaster.store.jdbc.StoreSchema;
import io.bizmaster.testing.DemoStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Statements sent as JDBC batches must leave a store exactly as statements sent one by one: the demo stream
 * (renames, moves and increments of the same customers, orders placed then cancelled, all interleaved)
 * applied both ways, on every engine, in transactions of 500 commands.
 */
class BatchedApplyTest {

    private final ConverterRegistry converters = new ConverterRegistry(Path.of("converters"), List.of());

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void batchedAndOneByOneGiveTheSameRows(Dialect dialect) throws Exception {
        DemoStream stream = DemoStream.generate(3000, 150, 21, "batch");
        List<SequencedCommand> commands = commands(stream);
        for (String name : List.of("legacy", "modern")) {
            BConverter converter = converters.get(name + "@1");
            DataSource oneByOne = store(dialect, name);
            DataSource batched = store(dialect, name);
            for (int from = 0; from < commands.size(); from += 500) {
                List<SequencedCommand> transaction = commands.subList(from, Math.min(commands.size(), from + 500));
                TestStores.apply(converter, oneByOne, name, transaction, false);
                TestStores.apply(converter, batched, name, transaction, true);
            }
            for (String table : name.equals("legacy") ? List.of("CUSTOMER", "ORDERS") : List.of("customers", "addresses", "orders")) {
                Map<String, List<Object>> expected = DemoStores.rows(oneByOne, "SELECT * FROM " + table);
                assertThat(DemoStores.rows(batched, "SELECT * FROM " + table)).as(name + " " + table + " on " + dialect)
                        .hasSize(expected.size()).isEqualTo(expected);
            }
            if (name.equals("legacy")) {
                DemoStores.assertLegacyMatches(batched, stream.model(), "batch");
            } else {
                DemoStores.assertModernMatches(batched, stream.model(), "batch");
            }
        }
    }

    private static DataSource store(Dialect dialect, String converter) {
        DataSource ds = TestStores.fresh(dialect);
        StoreSchema.migrate(ds, Path.of("converters", converter, "schema"));
        return ds;
    }

    private static List<SequencedCommand> commands(DemoStream stream) {
        CommandParser parser = new CommandParser(new CommandCatalog(Path.of("commands/catalog.yaml")));
        List<SequencedCommand> commands = new ArrayList<>();
        long seq = 0;
        for (byte[] message : stream.messages()) {
            if (parser.parse(message) instanceof ParseResult.Accepted accepted) {
                commands.add(new SequencedCommand(++seq, accepted.command()));
            }
        }
        return commands;
    }
}
