package io.bizmaster.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.testing.PackagedJar;
import io.bizmaster.testing.TestPorts;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees from the packaged jar, in a folder holding copies of the project's files: {@code routes check}
 * passes the shipped route files; with a bean ref typo it lists the problem with its file and line and exits 1, and
 * {@code run} refuses to start with the same report, exit code 2 and no stack trace, before anything started.
 */
class RouteFilesIT {

    @TempDir
    Path folder;

    @Test
    void thePackagedJarChecksTheRouteFilesAndABrokenOneStopsStartUpWithTheReport() throws Exception {
        RouteFolder routes = new RouteFolder(folder);
        PackagedJar jar = new PackagedJar(folder);

        PackagedJar.Result clean = jar.run("routes", "check");
        assertThat(clean.exit()).as(clean.output()).isZero();
        assertThat(clean.output()).contains("route files checked, no problem: routes/error-handling.camel.yaml, "
                + "routes/intake.camel.yaml, routes/store-apply.camel.yaml");

        routes.edit("store-apply.camel.yaml", "ref: logReader", "ref: logReadr");
        String problem = "routes/store-apply.camel.yaml:" + routes.lineOf("store-apply.camel.yaml", "logReadr")
                + ": route template 'store-apply': bean 'logReadr' does not exist (did you mean 'logReader'?";

        PackagedJar.Result check = jar.run("routes", "check");
        assertThat(check.exit()).as(check.output()).isEqualTo(1);
        assertThat(check.output()).contains("1 problem in the route files:", problem);

        PackagedJar.Result run = jar.run("run", "--server.port=0", "--bizmaster.broker.port=" + TestPorts.free());
        assertThat(run.exit()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("APPLICATION FAILED TO START", problem, "routes check");
        assertThat(run.output()).as("no stack trace").doesNotContain("\tat ", "Caused by");
        assertThat(run.output().split("bean 'logReadr' does not exist", -1)).as("the report said once").hasSize(2);
        assertThat(run.output()).contains("bizmaster run failed: route files: 1 problem (routes/store-apply.camel.yaml:"
                + routes.lineOf("store-apply.camel.yaml", "logReadr") + ")");
        assertThat(folder.resolve("data")).as("nothing started: no broker journal, no database").doesNotExist();
    }
}
