package io.bizmaster.cli;

import io.bizmaster.store.Connector;
import io.bizmaster.store.ConnectorCapabilities;
import io.bizmaster.store.ConnectorOption;
import io.bizmaster.store.ConnectorSchema;
import io.bizmaster.store.Connectors;
import io.bizmaster.store.OptionType;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads the class path and connectors/ only: it needs no running BizMaster, so an operator can check a jar first. */
@Command(name = "connectors", description = "Lists the store connectors this BizMaster has (its own and the jars in "
        + "connectors/), or one connector's options; --json prints their JSON Schema.",
        footer = {"", "Exit codes: 0 listed; 1 a connector jar could not be loaded (listed on stderr); 2 no connector "
                + "of that name."})
public class ConnectorsCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "one connector: its options")
    String name;

    @Option(names = "--json", description = "print the options as JSON Schema (one object for NAME, an array for all)")
    boolean json;

    @Override
    public Integer call() {
        Connectors connectors = Connectors.discover(Thread.currentThread().getContextClassLoader());
        connectors.problems().forEach(p -> System.err.println("problem: " + p));
        List<Connector> shown;
        if (name != null) {
            Optional<Connector> one = connectors.get(name);
            if (one.isEmpty()) {
                System.err.println("no connector named '" + name + "'; known: " + connectors.names());
                return 2;
            }
            shown = List.of(one.get());
        } else {
            shown = List.copyOf(connectors.all());
        }
        if (json) {
            JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
            Object schema = name != null ? ConnectorSchema.of(shown.get(0)) : shown.stream().map(ConnectorSchema::of).toList();
            System.out.println(mapper.writeValueAsString(schema));
        } else if (name != null) {
            printOptions(shown.get(0));
        } else {
            System.out.printf("%-12s %-20s %-10s %-10s  %s%n", "CONNECTOR", "CHECKPOINT", "VERIFIABLE", "REPLAYABLE",
                    "DESCRIPTION");
            for (Connector c : shown) {
                ConnectorCapabilities can = c.capabilities();
                System.out.printf("%-12s %-20s %-10s %-10s  %s%n", c.name(),
                        can.checkpointing().name().toLowerCase().replace('_', '-'), yesNo(can.verifiable()),
                        yesNo(can.replayable()), c.description());
            }
        }
        return connectors.problems().isEmpty() ? 0 : 1;
    }

    private static void printOptions(Connector connector) {
        System.out.println(connector.name() + ": " + connector.description());
        System.out.printf("%-16s %-14s %-10s  %s%n", "OPTION", "TYPE", "DEFAULT", "DESCRIPTION");
        for (ConnectorOption option : connector.options()) {
            String presence = option.required() ? "required" : option.defaultValue() == null ? "-" : option.defaultValue();
            System.out.printf("%-16s %-14s %-10s  %s%s%n", option.name(), typeName(option.type()), presence,
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
