package io.bizmaster.cli;

import io.bizmaster.routes.RouteEnvironment;
import io.bizmaster.routes.RouteFiles;
import io.bizmaster.routes.RouteProblem;
import io.bizmaster.routes.RouteReport;
import io.bizmaster.routes.RouteSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "routes", description = "The route files BizMaster loads (routes/*.camel.yaml, docs/ROUTES.md).",
        subcommands = {RoutesCommand.Check.class})
public class RoutesCommand {

    /** Reads the files and the class path only: it needs no running BizMaster, so a user checks an edit first. */
    @Command(name = "check", description = {"Checks routes/*.camel.yaml as start-up does: YAML, Camel's YAML DSL schema, "
            + "components and their options, beans, and what BizMaster relies on (docs/ROUTES.md); prints every problem "
            + "of every file, each as FILE:LINE: what is wrong (what to do).",
        "Beans: BizMaster's own and those declared in a beans: block of a route file (start-up also knows the "
            + "application's other beans)."},
            footer = {"", "Exit codes: 0 no problem; 1 problems (listed); 2 usage error, or no routes/ folder in DIR."})
    static class Check implements Callable<Integer> {

        static final int PROBLEMS = 1;
        static final int USAGE = 2;

        @Option(names = "--home", paramLabel = "DIR", defaultValue = ".",
                description = "the folder BizMaster runs in, holding routes/ (default: the current folder)")
        Path home;

        @Option(names = "--json", description = "print the report as JSON: {ok, files, problems: [{file, line, message}]}")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Path folder = home.resolve(RouteSource.FOLDER);
            if (!Files.isDirectory(folder)) {
                err.println("routes check: no folder " + folder + " (give the folder BizMaster runs in: --home DIR)");
                return USAGE;
            }
            RouteReport report = new RouteFiles(Thread.currentThread().getContextClassLoader())
                    .check(RouteSource.FOLDER + "/", RouteSource.folder(home), RouteEnvironment.offline());
            if (json) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("ok", report.ok());
                document.put("files", report.files());
                document.put("problems", report.problems().stream().map(Check::problem).toList());
                out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                        .writeValueAsString(document));
            } else {
                out.println(report.text());
            }
            out.flush();
            return report.ok() ? 0 : PROBLEMS;
        }

        private static Map<String, Object> problem(RouteProblem problem) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("file", problem.file());
            shown.put("line", problem.line());
            shown.put("message", problem.message());
            return shown;
        }
    }
}
