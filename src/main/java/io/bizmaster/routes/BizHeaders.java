package io.bizmaster.routes;

import io.bizmaster.pipeline.store.StoreHeaders;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The headers BizMaster's steps pass each other ({@code BizSeq}, {@code BizStore}, {@code BizBehind},
 * {@code BizCheckpoint}): a step of the intake or the store-apply template that sets or removes one, other than the
 * template's own, breaks the steps that read it.
 */
final class BizHeaders {

    static final Set<String> HEADERS = Set.of(StoreHeaders.STORE, StoreHeaders.SEQ, StoreHeaders.BEHIND,
            StoreHeaders.CHECKPOINT);

    private final List<RouteProblem> problems;

    BizHeaders(List<RouteProblem> problems) {
        this.problems = problems;
    }

    /** A step that sets or removes a header BizMaster's steps pass each other, other than the template's own. */
    void check(FileRoute route, Set<RouteFile.Field> allowed) {
        for (RouteFile.Field step : route.steps()) {
            if (allowed.contains(step)) {
                continue;
            }
            JsonNode value = step.value();
            Set<String> touched = new TreeSet<>();
            switch (step.key()) {
                case "setHeader", "removeHeader" -> {
                    String name = value.isString() ? value.stringValue() : value.path("name").asString("");
                    if (HEADERS.contains(name)) {
                        touched.add(name);
                    }
                }
                case "setHeaders" -> value.path("headers").forEach(h -> {
                    if (HEADERS.contains(h.path("name").asString(""))) {
                        touched.add(h.path("name").asString(""));
                    }
                });
                case "removeHeaders" -> {
                    String pattern = value.isString() ? value.stringValue() : value.path("pattern").asString("");
                    String exclude = value.path("excludePattern").asString("");
                    HEADERS.stream().filter(h -> matches(pattern, h) && !matches(exclude, h)).forEach(touched::add);
                }
                default -> {
                }
            }
            if (!touched.isEmpty()) {
                problems.add(route.file().problem(step.pointer(), (step.key().startsWith("remove") ? "removes" : "sets")
                        + (touched.size() == 1 ? " header " : " headers ") + String.join(", ", touched)
                        + ", which BizMaster's steps pass each other (leave "
                        + String.join(", ", new TreeSet<>(HEADERS)) + " to BizMaster: a header of your own has another "
                        + "name" + (step.key().equals("removeHeaders") ? "; or exclude them: excludePattern: Biz*" : "")
                        + ")"));
            }
        }
    }

    /** Camel's header patterns: a name, a prefix ending in *, or a regular expression. */
    private static boolean matches(String pattern, String name) {
        if (pattern.isEmpty()) {
            return false;
        }
        if (pattern.equals("*") || pattern.equalsIgnoreCase(name)) {
            return true;
        }
        if (pattern.endsWith("*") && name.toLowerCase(Locale.ROOT).startsWith(pattern.substring(0, pattern.length() - 1)
                .toLowerCase(Locale.ROOT))) {
            return true;
        }
        try {
            return name.matches(pattern);
        } catch (java.util.regex.PatternSyntaxException e) {
            return false;
        }
    }

}
