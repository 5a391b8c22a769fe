package io.bizmaster.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bizmaster.testing.TestApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Start-up runs the check on the files Camel is about to load (camel.main.routes-include-pattern): a broken file stops
 * it with Spring Boot's failure analysis listing every problem, before the broker starts or a database is opened, and
 * with no stack trace; the shipped files start, and the beans the offline check knows are the application's.
 */
@ExtendWith(OutputCaptureExtension.class)
class RouteFilesStartupTest {

    @TempDir
    Path data;

    @Test
    void aBrokenRouteFileStopsStartUpWithTheReportBeforeAnythingStarts(CapturedOutput output) {
        RouteFolder routes = new RouteFolder(data, data.resolve("my-routes"))
                .edit("store-apply.camel.yaml", "ref: logReader", "ref: logReadr")
                .edit("intake.camel.yaml", "batchSize: 500", "batchSize: lots");
        String apply = routes.folder().resolve("store-apply.camel.yaml").toString();
        String intake = routes.folder().resolve("intake.camel.yaml").toString();
        TestApplication app = TestApplication.inFolder(data)
                .with("camel.main.routes-include-pattern", "file:" + routes.folder() + "/*.camel.yaml");

        assertThatThrownBy(app::start).isInstanceOf(InvalidRouteFilesException.class)
                .satisfies(e -> assertThat(((InvalidRouteFilesException) e).report().problems()).hasSize(2));

        String report = output.toString();
        assertThat(report).contains("APPLICATION FAILED TO START", "2 problems in the route files:",
                intake + ":" + routes.lineOf("intake.camel.yaml", "batchSize: lots")
                        + ": route 'intake': jms-batch option 'batchSize': expected a whole number, got 'lots'",
                apply + ":" + routes.lineOf("store-apply.camel.yaml", "logReadr")
                        + ": route template 'store-apply': bean 'logReadr' does not exist (did you mean 'logReader'?",
                "Action:", "docs/ROUTES.md", "routes check");
        assertThat(report).as("no stack trace").doesNotContain("\tat ", "Caused by");
        assertThat(report.split("bean 'logReadr' does not exist", -1)).as("the report said once").hasSize(2);
        assertThat(report).as("the one line Spring logs as it cancels the refresh")
                .contains("route files: 2 problems (" + intake + ":" + routes.lineOf("intake.camel.yaml", "batchSize: lots")
                        + ", " + apply + ":" + routes.lineOf("store-apply.camel.yaml", "logReadr") + ")");
        // Checked before any bean was made: no broker journal, no business store, no credentials.
        assertThat(data.resolve("artemis")).doesNotExist();
        assertThat(data.resolve("bizmaster.mv.db")).doesNotExist();
        assertThat(data.resolve("operator.credentials")).doesNotExist();
    }

    @Test
    void aPatternThatFindsNoFileSaysSoOnce(CapturedOutput output) {
        String pattern = "file:" + data.resolve("nowhere") + "/*.camel.yaml";
        TestApplication app = TestApplication.inFolder(data).with("camel.main.routes-include-pattern", pattern);
        assertThatThrownBy(app::start).isInstanceOf(InvalidRouteFilesException.class)
                .hasMessage("route files: 1 problem (" + pattern + "); the start-up report and 'bizmaster routes check' "
                        + "say what each is");
        assertThat(output.toString()).contains(pattern + ": no route file (BizMaster needs its intake and the "
                + "store-apply template: run it in the folder that holds routes/");
    }

    @Test
    void theShippedFilesStartAndTheBeansTheOfflineCheckKnowsAreTheApplications(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = TestApplication.inFolder(data).start()) {
            for (String bean : RouteEnvironment.BIZMASTER_BEANS) {
                assertThat(context.containsBean(bean)).as("bean %s", bean).isTrue();
            }
            assertThat(output.toString()).contains("Route files checked: routes/domain-intake.camel.yaml, "
                    + "routes/error-handling.camel.yaml, routes/intake.camel.yaml, routes/store-apply.camel.yaml");
        }
        assertThat(Files.exists(data.resolve("artemis"))).as("this start did start the broker").isTrue();
    }
}
