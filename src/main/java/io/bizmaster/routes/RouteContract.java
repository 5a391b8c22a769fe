package io.bizmaster.routes;

import io.bizmaster.broker.Destinations;
import io.bizmaster.pipeline.PipelineControl;
import io.bizmaster.pipeline.store.StoreHeaders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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

    static final String TEMPLATE = PipelineControl.STORE_TEMPLATE;
    static final String ERRORS = "bizmaster-errors";
    static final String INTAKE_BEAN = "commandIntake";
    static final String READ_BEAN = "logReader";
    static final String CONVERT_BEAN = "bConverter";
    static final String STORE_QUEUE = "jms:queue:" + Destinations.storeQueueFqqn("{{store}}");
    static final String WRITE_URI = "bizmaster-store:{{store}}";
    static final String FEED_URI = "jms-batch:topic:" + Destinations.FEED;
    private static final Set<String> HEADERS = Set.of(StoreHeaders.STORE, StoreHeaders.SEQ, StoreHeaders.BEHIND,
            StoreHeaders.CHECKPOINT);

    /** A route, or the route of a template: where it is and what it consumes. */
    private record Route(RouteFile file, String pointer, JsonNode node, String fromPointer, JsonNode from, String id) {

        String uri() {
            return from.path("uri").asString("").strip();
        }

        List<RouteFile.Field> steps() {
            return file.fieldsUnder(fromPointer);
        }
    }

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
        List<Route> pipeline = new ArrayList<>(intake());
        Route template = template();
        if (template != null) {
            pipeline.add(template);
        }
        routeConfigurations();
        errorHandling(pipeline);
        ids();
    }

    /** The intake route(s), each checked. */
    private List<Route> intake() {
        List<Route> intake = new ArrayList<>();
        for (Route route : routes()) {
            String uri = route.uri();
            if (!consumesCommands(uri)) {
                continue;
            }
            if (uri.toLowerCase(Locale.ROOT).startsWith("jms-batch:")) {
                intake.add(route);
            } else {
                problems.add(route.file().problem(route.fromPointer() + "/uri", "consumes " + Destinations.COMMANDS
                        + " through " + Suggestions.uri(uri) + " (the intake must use jms-batch:queue:" + Destinations.COMMANDS
                        + ", which logs every message before it is acknowledged)"));
            }
        }
        if (intake.isEmpty() && complete) {
            problems.add(missing("intake.camel.yaml", "no route consumes jms-batch:queue:" + Destinations.COMMANDS
                    + ": no command would ever be logged (keep the intake route of routes/intake.camel.yaml; docs/ROUTES.md)"));
        }
        intake.forEach(this::intakeSteps);
        return intake;
    }

    private void intakeSteps(Route intake) {
        RouteFile file = intake.file();
        RouteFile.Field bean = null;
        RouteFile.Field feed = null;
        for (RouteFile.Field step : intake.steps()) {
            if (bean == null && step.key().equals("bean") && INTAKE_BEAN.equals(ref(step.value()))) {
                bean = step;
            }
            String uri = endpointUri(step);
            if (uri != null && uri.contains(Destinations.FEED)) {
                if (uri.startsWith(FEED_URI)) {
                    feed = feed == null ? step : feed;
                } else {
                    problems.add(file.problem(uriPointer(step), "sends the news through " + Suggestions.uri(uri) + " (it must be "
                            + FEED_URI + ", which publishes in the batch's own transaction, after the log commits)"));
                }
            }
        }
        if (bean == null) {
            problems.add(file.problem(intake.fromPointer(), "does not call bean " + INTAKE_BEAN + " (add - bean: {ref: "
                    + INTAKE_BEAN + ", method: process} first: it validates and logs every command; without it nothing is logged)"));
        }
        if (feed == null) {
            problems.add(file.problem(intake.fromPointer(), "does not send to " + FEED_URI + " (add - to: {uri: "
                    + FEED_URI + "} after bean " + INTAKE_BEAN + ": the stores hear of new commands only from it)"));
        }
        if (bean != null && feed != null && feed.order() < bean.order()) {
            problems.add(file.problem(uriPointer(feed), "sends to " + Destinations.FEED + " before bean " + INTAKE_BEAN
                    + " has logged the batch (move it after the bean: the news says how far the log reached)"));
        }
        otherHeaders(intake, Set.of());
    }

    /** The store-apply template's route, checked; null when there is none. */
    private Route template() {
        List<Route> templates = templates().stream().filter(t -> TEMPLATE.equals(t.id())).toList();
        if (templates.isEmpty()) {
            Route renamed = templates().stream().filter(t -> STORE_QUEUE.equals(t.uri())).findFirst().orElse(null);
            if (renamed != null) {
                problems.add(renamed.file().problem(renamed.pointer().replaceFirst("/route$", "") + "/id",
                        "BizMaster makes each store's route from the template '" + TEMPLATE + "', not '" + renamed.id()
                                + "' (give it back its id: " + TEMPLATE + ")"));
            } else if (complete) {
                problems.add(missing("store-apply.camel.yaml", "no routeTemplate '" + TEMPLATE + "': BizMaster makes "
                        + "each store's apply route from it, so no store would be fed (keep the template of "
                        + "routes/store-apply.camel.yaml; docs/ROUTES.md)"));
            }
            return null;
        }
        Route template = templates.get(0);
        RouteFile file = template.file();
        String templatePointer = template.pointer().replaceFirst("/route$", "");
        JsonNode definition = file.root().at(templatePointer);
        Set<String> parameters = new TreeSet<>();
        definition.path("parameters").forEach(p -> parameters.add(p.path("name").asString("")));
        for (String needed : List.of("store", "autoStartup")) {
            if (!parameters.contains(needed)) {
                problems.add(file.problem(definition.has("parameters") ? templatePointer + "/parameters" : templatePointer + "/id",
                        "has no parameter '" + needed + "' (add - name: " + needed + ": BizMaster gives "
                                + (needed.equals("store") ? "each store's name" : "false for a paused store") + " as it)"));
            }
        }
        if (!STORE_QUEUE.equals(template.uri())) {
            problems.add(file.problem(template.fromPointer() + "/uri", "consumes " + Suggestions.uri(template.uri()) + " (a store's "
                    + "route must consume " + STORE_QUEUE + ", the store's own queue on the feed)"));
        }
        for (String option : List.of("concurrentConsumers", "maxConcurrentConsumers")) {
            JsonNode consumers = template.from().path("parameters").path(option);
            if (!consumers.isMissingNode() && !consumers.asString("").equals("1")) {
                problems.add(file.problem(template.fromPointer() + "/parameters/" + option, option + " must be 1 (a store "
                        + "applies its commands in seq order, with one consumer)"));
            }
        }
        if (!"{{autoStartup}}".equals(template.node().path("autoStartup").asString(""))) {
            problems.add(file.problem(template.node().has("autoStartup") ? template.pointer() + "/autoStartup"
                    : template.pointer(), "autoStartup must be \"{{autoStartup}}\" (a paused store's route is made stopped)"));
        }
        templateSteps(template);
        return template;
    }

    private void templateSteps(Route template) {
        RouteFile file = template.file();
        List<RouteFile.Field> steps = template.steps();
        String stepsPointer = template.fromPointer() + "/steps";
        RouteFile.Field loop = steps.stream().filter(s -> s.key().equals("loop")
                && s.value().toString().contains("header." + StoreHeaders.BEHIND)).findFirst().orElse(null);
        if (loop == null) {
            problems.add(file.problem(stepsPointer, "has no loop on ${header." + StoreHeaders.BEHIND + "} (- loop: "
                    + "{doWhile: true, expression: {simple: \"${header." + StoreHeaders.BEHIND + "} == true\"}} around "
                    + "read, convert and write: a store more than a batch behind would wait for the next command)"));
        } else if (!loop.value().path("doWhile").asString("").equals("true")) {
            problems.add(file.problem(loop.pointer(), "the loop on ${header." + StoreHeaders.BEHIND + "} needs doWhile: "
                    + "true (the header is set by the step before, the loop checks it before each batch)"));
        }
        String where = loop == null ? stepsPointer : loop.pointer();
        RouteFile.Field read = step(file, steps, "read", Set.of("process", "bean"), READ_BEAN, where,
                "- process: {id: read, ref: " + READ_BEAN + "} first in the loop: it reads the next batch of logged "
                        + "commands after the store's checkpoint");
        RouteFile.Field convert = step(file, steps, "convert", Set.of("process", "bean"), CONVERT_BEAN, where,
                "- process: {id: convert, ref: " + CONVERT_BEAN + "} after read: it turns the batch into the store's changes");
        RouteFile.Field write = step(file, steps, "write", Set.of("to"), null, where,
                "- to: {id: write, uri: \"" + WRITE_URI + "\"} after convert: it writes the changes and the checkpoint; "
                        + "without it the store never moves");
        for (RouteFile.Field step : new RouteFile.Field[] {read, convert, write}) {
            if (step != null && loop != null && !step.pointer().startsWith(loop.pointer() + "/")) {
                problems.add(file.problem(step.pointer(), "step '" + stepId(step) + "' is outside the loop on ${header."
                        + StoreHeaders.BEHIND + "} (move it into the loop's steps: one batch per turn)"));
            }
        }
        if (read != null && convert != null && convert.order() < read.order()) {
            problems.add(file.problem(convert.pointer(), "step 'convert' comes before 'read' (the order is read, "
                    + "convert, write: convert takes the batch read)"));
        }
        if (convert != null && write != null && write.order() < convert.order()) {
            problems.add(file.problem(write.pointer(), "step 'write' comes before 'convert' (the order is read, "
                    + "convert, write: write takes the converted batch; a step of yours goes between convert and write)"));
        }
        RouteFile.Field store = header(steps, StoreHeaders.STORE, "{{store}}");
        if (store == null || read != null && store.order() > read.order()) {
            problems.add(file.problem(store != null ? store.pointer() : read != null ? read.pointer() : stepsPointer, "header " + StoreHeaders.STORE
                    + " must be set to \"{{store}}\" before the read step (- setHeader: {name: " + StoreHeaders.STORE
                    + ", constant: \"{{store}}\"}: read and the error log name the store by it)"));
        }
        RouteFile.Field behind = header(steps, StoreHeaders.BEHIND, "true");
        if (loop != null && (behind == null || behind.order() > loop.order())) {
            problems.add(file.problem(behind == null ? loop.pointer() : behind.pointer(), "header " + StoreHeaders.BEHIND
                    + " must be set to true before the loop (- setHeader: {name: " + StoreHeaders.BEHIND + ", constant: "
                    + "\"true\"}: else the loop never runs)"));
        }
        Set<RouteFile.Field> ours = new java.util.HashSet<>();
        if (store != null) {
            ours.add(store);
        }
        if (behind != null) {
            ours.add(behind);
        }
        otherHeaders(template, ours);
    }

    /**
     * The step of {@code id}: found by its id, else by what it calls; reported when missing, misnamed or calling
     * something else.
     *
     * @param bean the bean it calls, or null for the write step (its endpoint)
     */
    private RouteFile.Field step(RouteFile file, List<RouteFile.Field> steps, String id, Set<String> kinds, String bean,
                                 String missingAt, String add) {
        Predicate<RouteFile.Field> calls = s -> bean != null ? bean.equals(ref(s.value()))
                : endpointUri(s) != null && endpointUri(s).startsWith("bizmaster-store:");
        RouteFile.Field byId = steps.stream().filter(s -> kinds.contains(s.key()) && id.equals(s.value().path("id")
                .asString(null))).findFirst().orElse(null);
        RouteFile.Field byCall = steps.stream().filter(s -> kinds.contains(s.key()) && calls.test(s)).findFirst().orElse(null);
        if (byId == null && byCall == null) {
            problems.add(file.problem(missingAt, "the " + id + " step is missing (" + add + ")"));
            return null;
        }
        if (byId == null) {
            problems.add(file.problem(byCall.pointer(), "the " + id + " step must have id: " + id
                    + " (BizMaster and docs/ROUTES.md name the steps read, convert, write)"));
            return byCall;
        }
        if (bean != null && !calls.test(byId)) {
            String given = ref(byId.value());
            if (given == null || beanExists.test(given)) {
                problems.add(file.problem(byId.pointer() + (given == null ? "" : "/ref"), "step '" + id + "' must call "
                        + bean + " (ref: " + bean + ")" + (given == null ? "" : ", not " + given)));
            }
        } else if (bean == null && !WRITE_URI.equals(endpointUri(byId))) {
            problems.add(file.problem(uriPointer(byId), "step 'write' must be to " + WRITE_URI + ", not "
                    + Suggestions.uri(endpointUri(byId)) + " (each store's route writes to its own store)"));
        }
        return byId;
    }

    /** A setHeader of {@code name} whose value is {@code value}. */
    private static RouteFile.Field header(List<RouteFile.Field> steps, String name, String value) {
        return steps.stream().filter(s -> s.key().equals("setHeader") && name.equals(s.value().path("name").asString(""))
                && s.value().toString().contains(value)).findFirst().orElse(null);
    }

    /** A step that sets or removes a header BizMaster's steps pass each other, other than the template's own. */
    private void otherHeaders(Route route, Set<RouteFile.Field> allowed) {
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
                        + "name" + (step.key().equals("removeHeaders") ? "; or exclude them: excludePattern: Biz*" : "") + ")"));
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

    private void routeConfigurations() {
        Set<String> defined = new TreeSet<>();
        for (RouteFile file : files) {
            for (RouteFile.Item item : file.items()) {
                if (item.kind().equals("routeConfiguration") && item.id() != null) {
                    defined.add(item.id());
                }
            }
        }
        List<Route> all = new ArrayList<>(routes());
        all.addAll(templates());
        for (Route route : all) {
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
    private void errorHandling(List<Route> pipeline) {
        Set<String> used = new TreeSet<>();
        for (Route route : pipeline) {
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

    private List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (RouteFile file : files) {
            for (RouteFile.Item item : file.items()) {
                if (item.kind().equals("route")) {
                    routes.add(new Route(file, item.pointer(), item.body(), item.pointer() + "/from", item.body().path("from"),
                            item.id()));
                } else if (item.kind().equals("from")) {
                    routes.add(new Route(file, item.pointer(), item.body(), item.pointer(), item.body(), null));
                }
            }
        }
        return routes;
    }

    /** Each template's route (under route:, or its from: directly), with the template's id. */
    private List<Route> templates() {
        List<Route> templates = new ArrayList<>();
        for (RouteFile file : files) {
            for (RouteFile.Item item : file.items()) {
                if (!item.kind().equals("routeTemplate")) {
                    continue;
                }
                JsonNode body = item.body();
                if (body.path("route").isObject()) {
                    String pointer = item.pointer() + "/route";
                    templates.add(new Route(file, pointer, body.path("route"), pointer + "/from",
                            body.path("route").path("from"), item.id()));
                } else {
                    templates.add(new Route(file, item.pointer(), body, item.pointer() + "/from", body.path("from"),
                            item.id()));
                }
            }
        }
        return templates;
    }

    private RouteProblem missing(String expectedFile, String message) {
        return files.stream().filter(f -> f.name().endsWith("/" + expectedFile) || f.name().equals(expectedFile))
                .findFirst().map(f -> f.problem(message)).orElse(new RouteProblem(folder, 0, message));
    }

    /** The queue a URI consumes is biz.commands, whatever the component (as PipelineControl finds the intake). */
    private static boolean consumesCommands(String uri) {
        String path = uri.replaceFirst("^[A-Za-z0-9+.-]+:(//)?", "").replaceFirst("\\?.*$", "");
        return path.toLowerCase(Locale.ROOT).replaceFirst("^queue:", "").equals(Destinations.COMMANDS);
    }

    private static String ref(JsonNode step) {
        if (step.isString()) {
            return step.stringValue();
        }
        return step.path("ref").isString() ? step.path("ref").stringValue() : null;
    }

    /** The URI of a to/toD/wireTap step, in either form; null for another step. */
    private static String endpointUri(RouteFile.Field step) {
        if (!Set.of("to", "toD", "wireTap").contains(step.key())) {
            return null;
        }
        JsonNode uri = step.value().isObject() ? step.value().path("uri") : step.value();
        return uri.isString() ? uri.stringValue().strip() : null;
    }

    private static String uriPointer(RouteFile.Field step) {
        return step.value().isObject() ? step.pointer() + "/uri" : step.pointer();
    }

    private static String stepId(RouteFile.Field step) {
        return step.value().path("id").asString(step.key());
    }
}
