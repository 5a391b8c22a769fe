package io.bizmaster.routes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * What BizMaster relies on in the route files, across all of them (docs/ROUTES.md): an intake that logs every command
 * through {@code commandIntake} and announces it on {@code biz.feed}; the {@code store-apply} template BizMaster makes
 * each store's route from, with its read, convert and write steps in that order in a loop on {@code BizBehind}; the
 * headers those steps pass each other; the route configurations the routes name; route ids used once.
 *
 * <p>Something missing is only reported when every file could be read: it may be in the one that could not.
 */
final class RouteContract {

    static final String ERRORS = "bizmaster-errors";

    private final List<RouteFile> files;
    private final String folder;
    private final boolean complete;
    private final Predicate<String> beanExists;
    private final List<RouteProblem> problems;

    /**
     * @param complete   whether every route file could be read
     * @param beanExists whether a bean exists: a step naming one that does not is reported once, by the bean check
     */
    RouteContract(List<RouteFile> files, String folder, boolean complete, Predicate<String> beanExists,
                  List<RouteProblem> problems) {
        this.files = files;
        this.folder = folder;
        this.complete = complete;
        this.beanExists = beanExists;
        this.problems = problems;
    }

    void check() {
        List<FileRoute> pipeline = new ArrayList<>(new IntakeContract(files, folder, complete, problems).check());
        FileRoute template = new StoreApplyContract(files, folder, complete, beanExists, problems).check();
        if (template != null) {
            pipeline.add(template);
        }
        routeConfigurations();
        errorHandling(pipeline);
        ids();
    }

    private void routeConfigurations() {
        Set<String> defined = new TreeSet<>();
        for (RouteFile file : files) {
            for (RouteFile.Item item : file.items()) {
                if (item.kind().equals("routeConfiguration") && item.id() != null) {
                    defined.add(item.id());
                }
            }
        }
        List<FileRoute> all = new ArrayList<>(FileRoute.routes(files));
        all.addAll(FileRoute.templates(files));
        for (FileRoute route : all) {
            JsonNode ids = route.node().path("routeConfigurationId");
            if (!ids.isString()) {
                continue;
            }
            for (String id : ids.stringValue().split(",")) {
                String wanted = id.strip();
                if (!wanted.isEmpty() && !wanted.contains("*") && !wanted.contains("{{") && !defined.contains(wanted)
                        && complete) {
                    problems.add(route.file().problem(route.pointer() + "/routeConfigurationId", "routeConfigurationId '"
                            + wanted + "' names no routeConfiguration (BizMaster's is '" + ERRORS
                            + "', in routes/error-handling.camel.yaml; or define one of that id)"));
                }
            }
        }
    }

    /**
     * The error handling of the pipeline's routes must let a failure roll back: an exception handled (or continued)
     * would acknowledge an intake batch that was never logged, or a store's message whose batch was not written.
     */
    private void errorHandling(List<FileRoute> pipeline) {
        Set<String> used = new TreeSet<>();
        for (FileRoute route : pipeline) {
            for (String id : route.node().path("routeConfigurationId").asString("").split(",")) {
                used.add(id.strip());
            }
        }
        for (RouteFile file : files) {
            for (RouteFile.Item item : file.items()) {
                if (!item.kind().equals("routeConfiguration") || !used.contains(item.id())) {
                    continue;
                }
                for (RouteFile.Field field : file.fieldsUnder(item.pointer())) {
                    if (!field.key().equals("onException") || !field.value().isObject()) {
                        continue;
                    }
                    for (String flag : List.of("handled", "continued")) {
                        if (constantTrue(field.value().path(flag))) {
                            problems.add(file.problem(field.pointer() + "/" + flag, flag + " true would acknowledge "
                                    + "what failed: an intake batch never logged is lost, a store's batch is skipped until "
                                    + "the next command (keep it false: the broker redelivers with back-off)"));
                        }
                    }
                }
            }
        }
    }

    /** {@code constant: "true"}, {@code constant: {expression: "true"}} or {@code true}. */
    private static boolean constantTrue(JsonNode flag) {
        JsonNode constant = flag.path("constant");
        JsonNode value = constant.isObject() ? constant.path("expression") : constant.isMissingNode() ? flag : constant;
        return value.isValueNode() && value.asString("").strip().equalsIgnoreCase("true");
    }

    /** Ids used twice, by kind (Camel refuses them), and route ids BizMaster gives the store routes. */
    private void ids() {
        Map<String, String> firstAt = new HashMap<>();
        for (RouteFile file : files) {
            for (RouteFile.Item item : file.items()) {
                String kind = switch (item.kind()) {
                    case "route" -> "route";
                    case "routeTemplate" -> "route template";
                    case "routeConfiguration" -> "route configuration";
                    default -> null;
                };
                String id = item.id();
                if (kind == null || id == null) {
                    continue;
                }
                String pointer = item.pointer() + "/id";
                String at = file.name() + ":" + file.line(pointer);
                String first = firstAt.putIfAbsent(kind + " " + id, at);
                if (first != null) {
                    problems.add(file.problem(pointer, kind + " id '" + id + "' is used twice, also at " + first
                            + " (Camel refuses two of one id: rename one)"));
                }
                if (kind.equals("route") && id.startsWith("apply-")) {
                    problems.add(file.problem(pointer, "route id '" + id + "' is what BizMaster names the route of store '"
                            + id.substring("apply-".length()) + "' (apply-STORE, made from the template): choose another"));
                }
            }
        }
    }

}
