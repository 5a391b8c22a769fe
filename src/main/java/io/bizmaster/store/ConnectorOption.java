package io.bizmaster.store;

import java.util.Optional;

/**
 * An option a connector declares: checked at start-up (presence, type), masked in status when secret, and exported as
 * JSON Schema ({@code bizmaster connectors NAME --json}).
 *
 * @param defaultValue what applies when the option is not given, or null when nothing does
 */
public record ConnectorOption(String name, OptionType type, boolean required, boolean secret, String defaultValue,
                              String description) {

    public static ConnectorOption required(String name, OptionType type, String description) {
        return new ConnectorOption(name, type, true, false, null, description);
    }

    public static ConnectorOption optional(String name, OptionType type, String defaultValue, String description) {
        return new ConnectorOption(name, type, false, false, defaultValue, description);
    }

    /** A password or token: never shown, never logged. */
    public static ConnectorOption secret(String name, String description) {
        return new ConnectorOption(name, new OptionType.Text(), false, true, null, description);
    }

    /** What is wrong with a given value of this option, or empty. */
    public Optional<String> problem(String value) {
        return type.problem(value).map(p -> "option '" + name + "': " + p);
    }
}
