package io.bizmaster.routes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A route as a file writes it (a {@code - route:}, a bare {@code - from:}, or a template's route): where it is, what it
 * consumes, its steps in the order of the file; and what a contract reads from a step.
 */
record FileRoute(RouteFile file, String pointer, JsonNode node, String fromPointer, JsonNode from, String id) {

    String uri() {
        return from.path("uri").asString("").strip();
    }

    /** Every key under its {@code from}, in the order of the file: its steps, and theirs. */
    List<RouteFile.Field> steps() {
        return file.fieldsUnder(fromPointer);
    }

    static List<FileRoute> routes(List<RouteFile> files) {
        List<FileRoute> routes = new ArrayList<>();
        for (RouteFile file : files) {
            for (RouteFile.Item item : file.items()) {
                if (item.kind().equals("route")) {
                    routes.add(new FileRoute(file, item.pointer(), item.body(), item.pointer() + "/from",
                            item.body().path("from"), item.id()));
                } else if (item.kind().equals("from")) {
                    routes.add(new FileRoute(file, item.pointer(), item.body(), item.pointer(), item.body(), null));
                }
            }
        }
        return routes;
    }

    /** Each template's route (under route:, or its from: directly), with the template's id. */
    static List<FileRoute> templates(List<RouteFile> files) {
        List<FileRoute> templates = new ArrayList<>();
        for (RouteFile file : files) {
            for (RouteFile.Item item : file.items()) {
                if (!item.kind().equals("routeTemplate")) {
                    continue;
                }
                JsonNode body = item.body();
                if (body.path("route").isObject()) {
                    String pointer = item.pointer() + "/route";
                    templates.add(new FileRoute(file, pointer, body.path("route"), pointer + "/from",
                            body.path("route").path("from"), item.id()));
                } else {
                    templates.add(new FileRoute(file, item.pointer(), body, item.pointer() + "/from", body.path("from"),
                            item.id()));
                }
            }
        }
        return templates;
    }

    /** Something BizMaster needs and no file has: said of the file that ships it, else of the folder. */
    static RouteProblem missing(List<RouteFile> files, String folder, String expectedFile, String message) {
        return files.stream().filter(f -> f.name().endsWith("/" + expectedFile) || f.name().equals(expectedFile))
                .findFirst().map(f -> f.problem(message)).orElse(new RouteProblem(folder, 0, message));
    }

    /** The bean a bean or process step calls. */
    static String ref(JsonNode step) {
        if (step.isString()) {
            return step.stringValue();
        }
        return step.path("ref").isString() ? step.path("ref").stringValue() : null;
    }

    /** The URI of a to/toD/wireTap step, in either form; null for another step. */
    static String endpointUri(RouteFile.Field step) {
        if (!Set.of("to", "toD", "wireTap").contains(step.key())) {
            return null;
        }
        JsonNode uri = step.value().isObject() ? step.value().path("uri") : step.value();
        return uri.isString() ? uri.stringValue().strip() : null;
    }

    static String uriPointer(RouteFile.Field step) {
        return step.value().isObject() ? step.pointer() + "/uri" : step.pointer();
    }

    static String stepId(RouteFile.Field step) {
        return step.value().path("id").asString(step.key());
    }
}
