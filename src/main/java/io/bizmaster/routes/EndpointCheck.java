package io.bizmaster.routes;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint of a route file ({@code from}, {@code to}, {@code toD}, {@code wireTap}): its component exists, and
 * each option, in the URI's query or under {@code parameters:}, is one the component declares, with a value of its
 * type ({@code batchSize: lots} is not a whole number). Placeholders, bean references and expressions are taken as
 * they come: only running tells what they hold.
 */
final class EndpointCheck {

    private static final Set<String> ENDPOINT_KEYS = Set.of("from", "to", "toD", "wireTap");
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

    private final CamelComponents components;
    private final RouteEnvironment environment;
    private final BeanReferences beans;

    EndpointCheck(CamelComponents components, RouteEnvironment environment, BeanReferences beans) {
        this.components = components;
        this.environment = environment;
        this.beans = beans;
    }

    void check(RouteFile file, List<RouteProblem> problems) {
        for (RouteFile.Field field : file.fields()) {
            if (!ENDPOINT_KEYS.contains(field.key())) {
                continue;
            }
            JsonNode value = field.value();
            String uriPointer = value.isObject() ? field.pointer() + "/uri" : field.pointer();
            JsonNode uri = value.isObject() ? value.path("uri") : value;
            if (!uri.isString()) {
                continue; // the schema says what is missing
            }
            boolean dynamic = field.key().equals("toD") || uri.stringValue().contains("${");
            endpoint(file, uri.stringValue().strip(), uriPointer, value.path("parameters"), field.pointer() + "/parameters",
                    dynamic, problems);
        }
    }

    private void endpoint(RouteFile file, String uri, String uriPointer, JsonNode parameters, String parametersPointer,
                          boolean dynamic, List<RouteProblem> problems) {
        Matcher scheme = SCHEME.matcher(uri);
        if (!scheme.find()) {
            if (!uri.startsWith("{{") && !uri.startsWith("${")) {
                problems.add(file.problem(uriPointer, "uri " + Suggestions.uri(uri) + " names no component (write "
                        + "scheme:path, e.g. log:audit or jms:queue:audit)"));
            }
            return;
        }
        String name = scheme.group(1);
        if (!components.has(name) && !environment.hasComponentBean(name)) {
            String hint = Suggestions.didYouMean(name, components.names());
            problems.add(file.problem(uriPointer, "unknown component '" + name + "' in uri " + Suggestions.uri(uri) + " ("
                    + (hint.isEmpty() ? "" : hint + " ") + "no jar on the class path has it; a component of your own "
                    + "goes into connectors/ as a jar, with what it needs)"));
            return;
        }
        Optional<ComponentOptions> options = components.options(name);
        int query = uri.indexOf('?');
        if (query >= 0 && !dynamic) {
            for (String pair : uri.substring(query + 1).split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    option(file, options, pair.substring(0, equals), pair.substring(equals + 1), uriPointer, problems);
                }
            }
        }
        if (parameters.isObject()) {
            for (Map.Entry<String, JsonNode> parameter : parameters.properties()) {
                JsonNode value = parameter.getValue();
                if (value.isValueNode() && !value.isNull()) {
                    option(file, options, parameter.getKey(), value.asString(),
                            io.bizmaster.definition.DefinitionPaths.child(parametersPointer, parameter.getKey()), problems);
                }
            }
        }
    }

    private void option(RouteFile file, Optional<ComponentOptions> declared, String name, String value, String pointer,
                        List<RouteProblem> problems) {
        beans.checkOptionValue(value, file, pointer, problems);
        if (declared.isEmpty()) {
            return;
        }
        ComponentOptions options = declared.get();
        Optional<ComponentOptions.Option> option = options.find(name);
        if (option.isEmpty()) {
            if (!options.lenient()) {
                String hint = Suggestions.didYouMean(name, options.names());
                problems.add(file.problem(pointer, "'" + name + "' is not an option of component '" + options.scheme()
                        + "' (" + (!hint.isEmpty() ? hint : options.names().size() <= 16 ? "its options: "
                        + String.join(", ", options.names()) : "see the component's Camel documentation") + ")"));
            }
            return;
        }
        ComponentOptions.misfit(option.get(), value).ifPresent(expected -> problems.add(file.problem(pointer,
                options.scheme() + " option '" + option.get().name() + "': " + expected + ", got "
                        + Suggestions.shown(name, value) + " (Camel would refuse the endpoint when it starts)")));
    }
}
