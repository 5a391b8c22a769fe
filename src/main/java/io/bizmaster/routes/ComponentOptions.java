package io.bizmaster.routes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The endpoint options a Camel component declares (its generated JSON: name, type, allowed values), and whether a
 * value fits one. Camel matches option names ignoring case, so this does too.
 */
final class ComponentOptions {

    /** What Camel's duration converter takes: milliseconds, or 1h2m3s500ms-style parts. */
    private static final Pattern DURATION = Pattern.compile("\\d+|(\\d+(d|h|m|s|ms))+", Pattern.CASE_INSENSITIVE);

    record Option(String name, String type, List<String> allowed, String prefix) {
    }

    private final String scheme;
    private final boolean lenient;
    private final Map<String, Option> byName = new LinkedHashMap<>();
    private final List<Option> prefixed = new ArrayList<>();

    private ComponentOptions(String scheme, boolean lenient) {
        this.scheme = scheme;
        this.lenient = lenient;
    }

    static ComponentOptions of(String scheme, JsonNode model) {
        boolean lenient = model.path("component").path("lenientProperties").asBoolean(false);
        ComponentOptions options = new ComponentOptions(scheme, lenient);
        for (Map.Entry<String, JsonNode> entry : model.path("properties").properties()) {
            JsonNode property = entry.getValue();
            if (!"parameter".equals(property.path("kind").asString(""))) {
                continue;
            }
            List<String> allowed = new ArrayList<>();
            property.path("enum").forEach(value -> allowed.add(value.asString()));
            String prefix = property.path("prefix").asString("");
            Option option = new Option(entry.getKey(), property.path("type").asString("string"), allowed, prefix);
            options.byName.put(entry.getKey().toLowerCase(Locale.ROOT), option);
            if (!prefix.isEmpty()) {
                options.prefixed.add(option);
            }
        }
        return options;
    }

    String scheme() {
        return scheme;
    }

    /** A component that takes any option (an http client passing them on) cannot say that one is unknown. */
    boolean lenient() {
        return lenient;
    }

    Optional<Option> find(String name) {
        Option option = byName.get(name.replace("-", "").toLowerCase(Locale.ROOT));
        if (option != null) {
            return Optional.of(option);
        }
        return prefixed.stream().filter(o -> name.startsWith(o.prefix())).findFirst();
    }

    List<String> names() {
        return byName.values().stream().map(Option::name).toList();
    }

    /** What is wrong with {@code value} for the option, as "expected ..."; empty when it fits. */
    static Optional<String> misfit(Option option, String value) {
        String text = value.strip();
        if (text.contains("{{") || text.startsWith("#") || text.startsWith("${") || text.startsWith("RAW(")) {
            return Optional.empty(); // a placeholder, a bean reference or an expression: known only when it runs
        }
        if (!option.allowed().isEmpty()) {
            boolean known = option.allowed().stream().anyMatch(a -> a.equalsIgnoreCase(text));
            return known ? Optional.empty() : Optional.of("expected one of " + option.allowed());
        }
        return switch (option.type()) {
            case "integer" -> text.matches("-?\\d+") ? Optional.empty() : Optional.of("expected a whole number");
            case "number" -> text.matches("-?\\d+(\\.\\d+)?") ? Optional.empty() : Optional.of("expected a number");
            case "boolean" -> text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false") ? Optional.empty()
                    : Optional.of("expected true or false");
            case "duration" -> DURATION.matcher(text).matches() ? Optional.empty()
                    : Optional.of("expected a duration (milliseconds, or e.g. 5s, 1m30s)");
            default -> Optional.empty();
        };
    }
}
