package io.bizmaster.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.testing.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code bizmaster routes check}: offline, the report as text or JSON, 0 clean, 1 problems, 2 usage. */
class RoutesCommandTest {

    @TempDir
    Path home;

    @Test
    void theShippedFilesAreClean() {
        new RouteFolder(home);
        Cli.Run run = Cli.run("routes", "check", "--home", home.toString());
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("route files checked, no problem: routes/error-handling.camel.yaml, "
                + "routes/intake.camel.yaml, routes/store-apply.camel.yaml");
    }

    @Test
    void problemsAreListedWithFileAndLineAndExitOne() {
        RouteFolder routes = new RouteFolder(home).edit("store-apply.camel.yaml", "ref: bConverter", "ref: bConvertr")
                .write("audit.camel.yaml", "- route:\n    from:\n      uri: direct:audit\n      steps:\n        - setHeaderz: {}\n");
        Cli.Run run = Cli.run("routes", "check", "--home", home.toString());
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("2 problems in the route files:",
                "routes/audit.camel.yaml:5: route: unknown key 'setHeaderz' (did you mean 'setHeader'?)",
                "routes/store-apply.camel.yaml:" + routes.lineOf("store-apply.camel.yaml", "bConvertr")
                        + ": route template 'store-apply': bean 'bConvertr' does not exist (did you mean 'bConverter'?");

        Cli.Run json = Cli.run("routes", "check", "--home", home.toString(), "--json");
        assertThat(json.code()).isEqualTo(1);
        JsonNode report = JsonMapper.builder().build().readTree(json.out());
        assertThat(report.path("ok").asBoolean()).isFalse();
        assertThat(report.path("files")).hasSize(4);
        assertThat(report.path("problems")).hasSize(2);
        JsonNode first = report.path("problems").get(0);
        assertThat(first.path("file").asString()).isEqualTo("routes/audit.camel.yaml");
        assertThat(first.path("line").asInt()).isEqualTo(5);
        assertThat(first.path("message").asString()).startsWith("route: unknown key 'setHeaderz'");
    }

    @Test
    void anEmptyRoutesFolderIsOneProblem() throws Exception {
        java.nio.file.Files.createDirectories(home.resolve("routes"));
        Cli.Run run = Cli.run("routes", "check", "--home", home.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("1 problem in the route files:", "routes/: no route file (BizMaster needs its "
                + "intake and the store-apply template: run it in the folder that holds routes/");
    }

    @Test
    void usageErrorsExitTwoInOneLine() {
        Cli.Run noFolder = Cli.run("routes", "check", "--home", home.resolve("nowhere").toString());
        assertThat(noFolder.code()).isEqualTo(2);
        assertThat(noFolder.err().strip()).contains("no folder", "routes", "--home DIR").doesNotContain("\n", "Exception");

        Cli.Run unknownOption = Cli.run("routes", "check", "--colour");
        assertThat(unknownOption.code()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("Unknown option: '--colour'");

        Cli.Run noVerb = Cli.run("routes");
        assertThat(noVerb.code()).isEqualTo(2);
        assertThat(noVerb.err()).contains("Missing required subcommand", "check");

        Cli.Run help = Cli.run("routes", "check", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: bizmaster routes check", "--home", "--json", "Exit codes");
    }
}
