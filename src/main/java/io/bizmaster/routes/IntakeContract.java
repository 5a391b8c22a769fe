package io.bizmaster.routes;

import io.bizmaster.broker.Destinations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The intake: every route consuming {@code biz.commands} does so through {@code jms-batch} (another component would
 * acknowledge a message before it is logged), there is at least one (a renamed or split intake is found by what it
 * consumes, as {@code PipelineControl} finds it), and each calls {@code commandIntake} and then announces the seq the
 * log reached on {@code biz.feed}, in the batch's transaction.
 */
final class IntakeContract {

    static final String INTAKE_BEAN = "commandIntake";
    static final String FEED_URI = "jms-batch:topic:" + Destinations.FEED;

    private final List<RouteFile> files;
    private final String folder;
    private final boolean complete;
    private final BizHeaders headers;
    private final List<RouteProblem> problems;

    IntakeContract(List<RouteFile> files, String folder, boolean complete, List<RouteProblem> problems) {
        this.files = files;
        this.folder = folder;
        this.complete = complete;
        this.headers = new BizHeaders(problems);
        this.problems = problems;
    }

    /** @return the intake route(s), each checked */
    List<FileRoute> check() {
        List<FileRoute> intake = new ArrayList<>();
        for (FileRoute route : FileRoute.routes(files)) {
            String uri = route.uri();
            if (!consumesCommands(uri)) {
                continue;
            }
            if (uri.toLowerCase(Locale.ROOT).startsWith("jms-batch:")) {
                intake.add(route);
            } else {
                problems.add(route.file().problem(route.fromPointer() + "/uri", "consumes " + Destinations.COMMANDS
                        + " through " + Suggestions.uri(uri) + " (the intake must use jms-batch:queue:"
                        + Destinations.COMMANDS + ", which logs every message before it is acknowledged)"));
            }
        }
        if (intake.isEmpty() && complete) {
            problems.add(FileRoute.missing(files, folder, "intake.camel.yaml", "no route consumes jms-batch:queue:"
                    + Destinations.COMMANDS + ": no command would ever be logged (keep the intake route of "
                    + "routes/intake.camel.yaml; docs/ROUTES.md)"));
        }
        intake.forEach(this::steps);
        return intake;
    }

    private void steps(FileRoute intake) {
        RouteFile file = intake.file();
        RouteFile.Field bean = null;
        RouteFile.Field feed = null;
        for (RouteFile.Field step : intake.steps()) {
            if (bean == null && step.key().equals("bean") && INTAKE_BEAN.equals(FileRoute.ref(step.value()))) {
                bean = step;
            }
            String uri = FileRoute.endpointUri(step);
            if (uri != null && uri.contains(Destinations.FEED)) {
                if (uri.startsWith(FEED_URI)) {
                    feed = feed == null ? step : feed;
                } else {
                    problems.add(file.problem(FileRoute.uriPointer(step), "sends the news through " + Suggestions.uri(uri)
                            + " (it must be "
                            + FEED_URI + ", which publishes in the batch's own transaction, after the log commits)"));
                }
            }
        }
        if (bean == null) {
            problems.add(file.problem(intake.fromPointer(), "does not call bean " + INTAKE_BEAN + " (add - bean: {ref: "
                    + INTAKE_BEAN + ", method: process} first: it validates and logs every command; without it nothing is "
                    + "logged)"));
        }
        if (feed == null) {
            problems.add(file.problem(intake.fromPointer(), "does not send to " + FEED_URI + " (add - to: {uri: "
                    + FEED_URI + "} after bean " + INTAKE_BEAN + ": the stores hear of new commands only from it)"));
        }
        if (bean != null && feed != null && feed.order() < bean.order()) {
            problems.add(file.problem(FileRoute.uriPointer(feed), "sends to " + Destinations.FEED + " before bean "
                    + INTAKE_BEAN
                    + " has logged the batch (move it after the bean: the news says how far the log reached)"));
        }
        headers.check(intake, Set.of());
    }

    /** The queue a URI consumes is biz.commands, whatever the component (as PipelineControl finds the intake). */
    private static boolean consumesCommands(String uri) {
        String path = uri.replaceFirst("^[A-Za-z0-9+.-]+:(//)?", "").replaceFirst("\\?.*$", "");
        return path.toLowerCase(Locale.ROOT).replaceFirst("^queue:", "").equals(Destinations.COMMANDS);
    }

}
