package io.bizmaster.routes;

import io.bizmaster.definition.DefinitionException;
import io.bizmaster.definition.YamlReader;
import io.bizmaster.definition.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks the route files a user edits before Camel runs them, and says every problem of every file at once, each as
 * {@code routes/FILE.camel.yaml:LINE: what is wrong (what to do)}: YAML that does not parse, what Camel's YAML DSL
 * schema refuses, endpoints of unknown components or with options they do not take, beans no one has, and what
 * BizMaster relies on ({@link RouteContract}). Used by start-up, which refuses to run routes that fail it, and by
 * {@code bizmaster routes check}, which needs no running BizMaster.
 */
public final class RouteFiles {

    private final YamlReader yaml = new YamlReader();
    private final DslSchema schema;
    private final CamelComponents components;

    /** @param loader where Camel's YAML DSL schema and the components are: the class path the routes will run on */
    public RouteFiles(ClassLoader loader) {
        this.schema = new DslSchema(loader);
        this.components = new CamelComponents(loader);
    }

    /**
     * @param folder      what a problem no file has is said of (the folder the route files come from, e.g. routes/)
     * @param sources     the route files, as loaded together
     * @param environment the beans the files may name beyond those they declare
     */
    public RouteReport check(String folder, List<RouteSource> sources, RouteEnvironment environment) {
        if (sources.isEmpty()) {
            return new RouteReport(List.of(), List.of(new RouteProblem(folder, 0, "no route file (BizMaster needs its "
                    + "intake and the store-apply template: run it in the folder that holds routes/, or copy routes/ "
                    + "from the distribution)")));
        }
        List<RouteProblem> problems = new ArrayList<>();
        List<RouteFile> files = new ArrayList<>();
        for (RouteSource source : sources) {
            if (source.unreadable() != null) {
                problems.add(new RouteProblem(source.name(), 0, source.unreadable()));
                continue;
            }
            try {
                files.add(new RouteFile(source.name(), yaml.read(source.text(), source.name())));
            } catch (DefinitionException e) {
                for (Problem problem : e.problems()) {
                    problems.add(new RouteProblem(source.name(), problem.line(), problem.message()
                            + (problem.message().contains("Duplicate") ? " (keep one: the second would replace the first)"
                            : " (correct the indentation, quoting or tab there; the other files are checked still)")));
                }
            }
        }
        for (RouteFile file : files) {
            for (DslSchema.Finding finding : schema.check(file.root())) {
                problems.add(file.problem(finding.pointer(), finding.message()));
            }
        }
        BeanReferences beans = new BeanReferences(environment, files);
        EndpointCheck endpoints = new EndpointCheck(components, environment, beans);
        for (RouteFile file : files) {
            beans.check(file, problems);
            endpoints.check(file, problems);
        }
        boolean complete = files.size() == sources.size();
        new RouteContract(files, folder, complete, beans::exists, problems).check();
        problems.sort(Comparator.comparing(RouteProblem::file).thenComparingInt(RouteProblem::line));
        return new RouteReport(sources.stream().map(RouteSource::name).toList(), dedupe(problems));
    }

    /** One problem said once, though two checks found it (a step's endpoint is an endpoint too). */
    private static List<RouteProblem> dedupe(List<RouteProblem> problems) {
        return problems.stream().distinct().toList();
    }
}
