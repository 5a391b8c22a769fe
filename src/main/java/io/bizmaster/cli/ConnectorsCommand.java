package io.bizmaster.cli;

import io.bizmaster.store.Connector;
import io.bizmaster.store.ConnectorCapabilities;
import io.bizmaster.store.ConnectorOption;
import io.bizmaster.store.ConnectorSchema;
import io.bizmaster.store.Connectors;
import io.bizmaster.store.OptionType;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the class path and the home's connectors/ only: it needs no running BizMaster, so an operator can check a jar
 * first.
 */
@Command(name = "connectors", description = "Lists the store connectors this BizMaster has (its own and the jars in "
        + "connectors/), or one connector's options; --json prints their JSON Schema (one object for NAME, an array "
        + "for all). A jar that cannot be loaded is listed on standard error (exit 1); an unknown NAME is exit 2.")
public class ConnectorsCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "one connector: its options")
    String name;

    @Mixin
    JsonOption json;

    @Mixin
    HomeOption home;

    @Override
    public Integer call() throws Exception {
        return ConnectorsFolder.with(home.resolve(), this::list);
    }

    private int list() {
        Connectors connectors = Connectors.discover(Thread.currentThread().getContextClassLoader());
        connectors.problems().forEach(p -> System.err.println("problem: " + p));
        List<Connector> shown;
        if (name != null) {
            Optional<Connector> one = connectors.get(name);
            if (one.isEmpty()) {
                throw new CliProblem("no connector named '" + name + "'; known: " + connectors.names());
            }
            shown = List.of(one.get());
        } else {
            shown = List.copyOf(connectors.all());
        }
        try (Output out = Output.open(json)) {
            if (out.json()) {
                JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
                Object schema = name != null ? ConnectorSchema.of(shown.get(0)) : shown.stream().map(ConnectorSchema::of).toList();
                out.json(mapper.writeValueAsString(schema));
            } else if (name != null) {
                printOptions(shown.get(0), out.text());
            } else {
                out.text().printf("%-12s %-20s %-10s %-10s  %s%n", "CONNECTOR", "CHECKPOINT", "VERIFIABLE", "REPLAYABLE",
                        "DESCRIPTION");
                for (Connector c : shown) {
                    ConnectorCapabilities can = c.capabilities();
                    out.text().printf("%-12s %-20s %-10s %-10s  %s%n", c.name(),
                            can.checkpointing().name().toLowerCase().replace('_', '-'), yesNo(can.verifiable()),
                            yesNo(can.replayable()), c.description());
                }
            }
        }
        return connectors.problems().isEmpty() ? ExitCodes.OK : ExitCodes.NO;
    }

    private static void printOptions(Connector connector, PrintStream out) {
        out.println(connector.name() + ": " + connector.description());
        out.printf("%-16s %-14s %-10s  %s%n", "OPTION", "TYPE", "DEFAULT", "DESCRIPTION");
        for (ConnectorOption option : connector.options()) {
            String presence = option.required() ? "required" : option.defaultValue() == null ? "-" : option.defaultValue();
            out.printf("%-16s %-14s %-10s  %s%s%n", option.name(), typeName(option.type()), presence,
                    option.secret() ? "(secret) " : "", option.description());
        }
    }

    private static String typeName(OptionType type) {
        if (type instanceof OptionType.WholeNumber n) {
            return "number " + n.min() + "-" + n.max();
        }
        return type instanceof OptionType.Flag ? "true/false" : "text";
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
