package io.bizmaster.routes;

import io.bizmaster.broker.Destinations;
import io.bizmaster.pipeline.PipelineControl;
import io.bizmaster.pipeline.store.StoreHeaders;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * The {@code store-apply} template BizMaster makes each fed store's route from: its id and parameters, the store's
 * own queue with one consumer, {@code autoStartup} from its parameter, the headers set before the loop, and the read,
 * convert and write steps in that order in a loop on {@code BizBehind}.
 */
final class StoreApplyContract {

    static final String TEMPLATE = PipelineControl.STORE_TEMPLATE;
    static final String READ_BEAN = "logReader";
    static final String CONVERT_BEAN = "bConverter";
    static final String STORE_QUEUE = "jms:queue:" + Destinations.storeQueueFqqn("{{store}}");
    static final String WRITE_URI = "bizmaster-store:{{store}}";

    private final List<RouteFile> files;
    private final String folder;
    private final boolean complete;
    private final Predicate<String> beanExists;
    private final BizHeaders headers;
    private final List<RouteProblem> problems;

    /** @param beanExists whether a bean exists: a step naming one that does not is reported once, by the bean check */
    StoreApplyContract(List<RouteFile> files, String folder, boolean complete, Predicate<String> beanExists,
                       List<RouteProblem> problems) {
        this.files = files;
        this.folder = folder;
        this.complete = complete;
        this.beanExists = beanExists;
        this.headers = new BizHeaders(problems);
        this.problems = problems;
    }

    /** @return the store-apply template's route, checked; null when there is none */
    FileRoute check() {
        List<FileRoute> templates = FileRoute.templates(files).stream().filter(t -> TEMPLATE.equals(t.id())).toList();
        if (templates.isEmpty()) {
            FileRoute renamed = FileRoute.templates(files).stream().filter(t -> STORE_QUEUE.equals(t.uri())).findFirst()
                    .orElse(null);
            if (renamed != null) {
                problems.add(renamed.file().problem(renamed.pointer().replaceFirst("/route$", "") + "/id",
                        "BizMaster makes each store's route from the template '" + TEMPLATE + "', not '" + renamed.id()
                                + "' (give it back its id: " + TEMPLATE + ")"));
            } else if (complete) {
                problems.add(FileRoute.missing(files, folder, "store-apply.camel.yaml", "no routeTemplate '" + TEMPLATE
                        + "': BizMaster makes each store's apply route from it, so no store would be fed (keep the "
                        + "template of routes/store-apply.camel.yaml; docs/ROUTES.md)"));
            }
            return null;
        }
        FileRoute template = templates.get(0);
        RouteFile file = template.file();
        String templatePointer = template.pointer().replaceFirst("/route$", "");
        JsonNode definition = file.root().at(templatePointer);
        Set<String> parameters = new TreeSet<>();
        definition.path("parameters").forEach(p -> parameters.add(p.path("name").asString("")));
        for (String needed : List.of("store", "autoStartup")) {
            if (!parameters.contains(needed)) {
                String at = definition.has("parameters") ? templatePointer + "/parameters" : templatePointer + "/id";
                problems.add(file.problem(at, "has no parameter '" + needed + "' (add - name: " + needed
                        + ": BizMaster gives " + (needed.equals("store") ? "each store's name" : "false for a paused store")
                        + " as it)"));
            }
        }
        if (!STORE_QUEUE.equals(template.uri())) {
            problems.add(file.problem(template.fromPointer() + "/uri", "consumes " + Suggestions.uri(template.uri())
                    + " (a store's route must consume " + STORE_QUEUE + ", the store's own queue on the feed)"));
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
                    : template.pointer(), "autoStartup must be \"{{autoStartup}}\" (a paused store's route is made "
                    + "stopped)"));
        }
        steps(template);
        return template;
    }

    private void steps(FileRoute template) {
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
                "- process: {id: convert, ref: " + CONVERT_BEAN + "} after read: it turns the batch into the store's "
                        + "changes");
        RouteFile.Field write = step(file, steps, "write", Set.of("to"), null, where,
                "- to: {id: write, uri: \"" + WRITE_URI + "\"} after convert: it writes the changes and the checkpoint; "
                        + "without it the store never moves");
        for (RouteFile.Field step : new RouteFile.Field[] {read, convert, write}) {
            if (step != null && loop != null && !step.pointer().startsWith(loop.pointer() + "/")) {
                problems.add(file.problem(step.pointer(), "step '" + FileRoute.stepId(step)
                        + "' is outside the loop on ${header."
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
            String at = store != null ? store.pointer() : read != null ? read.pointer() : stepsPointer;
            problems.add(file.problem(at, "header " + StoreHeaders.STORE
                    + " must be set to \"{{store}}\" before the read step (- setHeader: {name: " + StoreHeaders.STORE
                    + ", constant: \"{{store}}\"}: read and the error log name the store by it)"));
        }
        RouteFile.Field behind = header(steps, StoreHeaders.BEHIND, "true");
        if (loop != null && (behind == null || behind.order() > loop.order())) {
            problems.add(file.problem(behind == null ? loop.pointer() : behind.pointer(), "header " + StoreHeaders.BEHIND
                    + " must be set to true before the loop (- setHeader: {name: " + StoreHeaders.BEHIND + ", constant: "
                    + "\"true\"}: else the loop never runs)"));
        }
        Set<RouteFile.Field> ours = new HashSet<>();
        if (store != null) {
            ours.add(store);
        }
        if (behind != null) {
            ours.add(behind);
        }
        headers.check(template, ours);
    }

    /**
     * The step of {@code id}: found by its id, else by what it calls; reported when missing, misnamed or calling
     * something else.
     *
     * @param bean the bean it calls, or null for the write step (its endpoint)
     */
    private RouteFile.Field step(RouteFile file, List<RouteFile.Field> steps, String id, Set<String> kinds, String bean,
                                 String missingAt, String add) {
        Predicate<RouteFile.Field> calls = s -> bean != null ? bean.equals(FileRoute.ref(s.value()))
                : FileRoute.endpointUri(s) != null && FileRoute.endpointUri(s).startsWith("bizmaster-store:");
        RouteFile.Field byId = steps.stream().filter(s -> kinds.contains(s.key()) && id.equals(s.value().path("id")
                .asString(null))).findFirst().orElse(null);
        RouteFile.Field byCall = steps.stream().filter(s -> kinds.contains(s.key()) && calls.test(s)).findFirst()
                .orElse(null);
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
            String given = FileRoute.ref(byId.value());
            if (given == null || beanExists.test(given)) {
                problems.add(file.problem(byId.pointer() + (given == null ? "" : "/ref"), "step '" + id + "' must call "
                        + bean + " (ref: " + bean + ")" + (given == null ? "" : ", not " + given)));
            }
        } else if (bean == null && !WRITE_URI.equals(FileRoute.endpointUri(byId))) {
            problems.add(file.problem(FileRoute.uriPointer(byId), "step 'write' must be to " + WRITE_URI + ", not "
                    + Suggestions.uri(FileRoute.endpointUri(byId)) + " (each store's route writes to its own store)"));
        }
        return byId;
    }

    /** A setHeader of {@code name} whose value is {@code value}. */
    private static RouteFile.Field header(List<RouteFile.Field> steps, String name, String value) {
        return steps.stream().filter(s -> s.key().equals("setHeader") && name.equals(s.value().path("name").asString(""))
                && s.value().toString().contains(value)).findFirst().orElse(null);
    }

}
