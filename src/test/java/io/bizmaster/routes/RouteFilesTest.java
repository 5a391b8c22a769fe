package io.bizmaster.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The route files checked as a user edits them: copies of the real files, broken the ways a user breaks them, each
 * problem reported with its file and line and what to do, every problem of every file at once; the shipped files and a
 * user's own step pass. Offline, as {@code routes check} runs: BizMaster's beans and those declared in the files.
 */
class RouteFilesTest {

    private static final String INTAKE = "intake.camel.yaml";
    private static final String APPLY = "store-apply.camel.yaml";
    private static final String ERRORS = "error-handling.camel.yaml";
    private static final String CONVERT = """
                                  - process:
                                      id: convert
                                      ref: bConverter
            """;
    private static final String WRITE = """
                                  - to:
                                      id: write
                                      uri: "bizmaster-store:{{store}}"
            """;

    /** One expected problem: the file (under routes/), its line, and words its message must hold. */
    private record Expected(String file, int line, String... words) {
    }

    private static RouteFiles checker;

    @TempDir
    Path home;

    @BeforeAll
    static void schema() {
        checker = new RouteFiles(RouteFilesTest.class.getClassLoader());
    }

    private RouteReport check(RouteFolder folder) throws Exception {
        return checker.check("routes/", RouteSource.folder(folder.home()), RouteEnvironment.offline());
    }

    /** Exactly these problems, no other. */
    private static void assertProblems(RouteReport report, Expected... expected) {
        List<String> unmatched = new ArrayList<>();
        for (Expected e : expected) {
            boolean found = report.problems().stream().anyMatch(p -> p.file().equals(e.file()) && p.line() == e.line()
                    && List.of(e.words()).stream().allMatch(p.message()::contains));
            if (!found) {
                unmatched.add(e.file() + ":" + e.line() + " " + List.of(e.words()));
            }
        }
        assertThat(unmatched).as("expected problems not reported; the report:\n%s", report.text()).isEmpty();
        assertThat(report.problems()).as(report.text()).hasSize(expected.length);
    }

    @Test
    void theShippedFilesPass() throws Exception {
        RouteReport report = check(new RouteFolder(home));
        assertThat(report.problems()).as(report.text()).isEmpty();
        assertThat(report.files()).containsExactly("routes/" + ERRORS, "routes/" + INTAKE, "routes/" + APPLY);
    }

    @Test
    void everyProblemOfEveryFileIsReportedAtOnceWithItsFileAndLine() throws Exception {
        RouteFolder routes = new RouteFolder(home)
                // A log option indented one space too little: not YAML any more.
                .edit(ERRORS, "                loggingLevel: WARN\n                logName:", "                loggingLevel: WARN\n               logName:")
                .edit(INTAKE, "batchSize: 500", "batchSize: lots")
                .edit(APPLY, "- setHeader:\n              name: BizBehind", "- setHeaderz:\n              name: BizBehind")
                .edit(APPLY, "ref: logReader", "ref: logReadr")
                .edit(APPLY, CONVERT + WRITE, WRITE + CONVERT)
                .write("audit.camel.yaml", """
                        - route:
                            id: intake
                            from:
                              uri: timer:audit?period=10s
                              steps:
                                - log: "audit"
                        """);

        RouteReport report = check(routes);

        String loop = "doWhile: true";
        assertProblems(report,
                // Files load in name order: the second of the two is the one reported, naming the first.
                new Expected("routes/" + INTAKE, routes.lineOf(INTAKE, "id: intake"),
                        "route 'intake': route id 'intake' is used twice, also at routes/audit.camel.yaml:2", "rename one"),
                new Expected("routes/" + ERRORS, routes.lineOf(ERRORS, "logName:"), "is not valid YAML (column",
                        "correct the indentation"),
                new Expected("routes/" + INTAKE, routes.lineOf(INTAKE, "batchSize: lots"),
                        "route 'intake': jms-batch option 'batchSize': expected a whole number, got 'lots'"),
                new Expected("routes/" + APPLY, routes.lineOf(APPLY, "setHeaderz"),
                        "route template 'store-apply': unknown key 'setHeaderz' (did you mean 'setHeader'?)"),
                // What the typo leaves out: the loop's header is never set.
                new Expected("routes/" + APPLY, routes.lineOf(APPLY, loop) - 1,
                        "header BizBehind must be set to true before the loop"),
                new Expected("routes/" + APPLY, routes.lineOf(APPLY, "ref: logReadr"),
                        "bean 'logReadr' does not exist (did you mean 'logReader'?", "beans: block"),
                new Expected("routes/" + APPLY, routes.lineOf(APPLY, "id: write") - 1,
                        "step 'write' comes before 'convert'", "a step of yours goes between convert and write"));
        assertThat(report.problems()).extracting(RouteProblem::describe).allSatisfy(line -> {
            assertThat(line).matches("routes/[a-z-]+\\.camel\\.yaml:\\d+: .+ \\(.+\\)");
            assertThat(line).doesNotContain("\n", "Exception");
        });
    }

    @Test
    void aMissingStoreApplyTemplateIsSaidOfTheFolderOrOfTheRenamedTemplate() throws Exception {
        RouteFolder deleted = new RouteFolder(home.resolve("deleted")).delete(APPLY);
        assertProblems(check(deleted), new Expected("routes/", 0, "no routeTemplate 'store-apply'", "no store would be fed"));

        RouteFolder renamed = new RouteFolder(home.resolve("renamed")).edit(APPLY, "id: store-apply", "id: store-aply");
        assertProblems(check(renamed), new Expected("routes/" + APPLY, renamed.lineOf(APPLY, "id: store-aply"),
                "the template 'store-apply', not 'store-aply'", "give it back its id: store-apply"));
    }

    @Test
    void theWriteStepRemovedIsReportedAtTheLoop() throws Exception {
        RouteFolder routes = new RouteFolder(home).edit(APPLY, WRITE, "");
        assertProblems(check(routes), new Expected("routes/" + APPLY, routes.lineOf(APPLY, "doWhile: true") - 1,
                "the write step is missing", "uri: \"bizmaster-store:{{store}}\"", "the store never moves"));
    }

    @Test
    void aYamlErrorIsOneLineAndHidesNothingElseNorInventsAMissingIntake() throws Exception {
        RouteFolder routes = new RouteFolder(home)
                .edit(INTAKE, "            ref: commandIntake\n            method: process",
                        "            ref: commandIntake\n           method: process")
                .edit(APPLY, "ref: bConverter", "ref: bConvertr");
        assertProblems(check(routes),
                new Expected("routes/" + INTAKE, routes.lineOf(INTAKE, "method: process"), "is not valid YAML (column 12)"),
                new Expected("routes/" + APPLY, routes.lineOf(APPLY, "bConvertr"), "bean 'bConvertr' does not exist"));
    }

    @Test
    void anOptionIndentedUnderTheStepInsteadOfItsEipIsNamed() throws Exception {
        RouteFolder routes = new RouteFolder(home).edit(INTAKE, "            ref: commandIntake\n            method: process",
                "            ref: commandIntake\n          method: process");
        assertProblems(check(routes), new Expected("routes/" + INTAKE, routes.lineOf(INTAKE, "method: process"),
                "unknown key 'method' (a step is one EIP: is 'method' an option of 'bean' indented too little?)"));
    }

    @Test
    void theIntakeMustLogBeforeItAnnouncesAndAStepMustLeaveBizMastersHeaders() throws Exception {
        RouteFolder routes = new RouteFolder(home)
                .edit(INTAKE, """
                                - bean:
                                    ref: commandIntake
                                    method: process
                                - to:
                                    uri: jms-batch:topic:biz.feed
                        """, """
                                - to:
                                    uri: jms-batch:topic:biz.feed
                                - bean:
                                    ref: commandIntake
                                    method: process
                        """)
                .edit(APPLY, CONVERT, CONVERT + """
                                              - removeHeaders:
                                                  pattern: "*"
                        """)
                .write("seda.camel.yaml", """
                        - route:
                            id: side-door
                            from:
                              uri: seda:biz.commands
                              steps:
                                - to: jmz:queue:audit?password=hunter2
                        """);
        RouteReport report = check(routes);
        assertThat(report.text()).as("a credential in a URI is never repeated").doesNotContain("hunter2");
        assertProblems(report,
                new Expected("routes/" + INTAKE, routes.lineOf(INTAKE, "uri: jms-batch:topic:biz.feed"),
                        "sends to biz.feed before bean commandIntake has logged the batch"),
                new Expected("routes/" + APPLY, routes.lineOf(APPLY, "removeHeaders"),
                        "removes headers BizBehind, BizCheckpoint, BizSeq, BizStore", "excludePattern: Biz*"),
                new Expected("routes/seda.camel.yaml", 4, "route 'side-door': consumes biz.commands through 'seda:biz.commands'",
                        "must use jms-batch:queue:biz.commands"),
                new Expected("routes/seda.camel.yaml", 6, "unknown component 'jmz' in uri 'jmz:queue:audit?...'",
                        "did you mean 'jms'?"));
    }

    @Test
    void errorHandlingThatSwallowsAndAStoreWithMoreThanOneConsumerAreRefused() throws Exception {
        RouteFolder routes = new RouteFolder(home)
                .edit(ERRORS, "expression: \"false\"", "expression: \"true\"")
                .edit(APPLY, "concurrentConsumers: 1", "concurrentConsumers: 4");
        assertProblems(check(routes),
                new Expected("routes/" + ERRORS, routes.lineOf(ERRORS, "handled:"),
                        "route configuration 'bizmaster-errors': handled true would acknowledge what failed",
                        "keep it false"),
                new Expected("routes/" + APPLY, routes.lineOf(APPLY, "concurrentConsumers"),
                        "concurrentConsumers must be 1 (a store applies its commands in seq order, with one consumer)"));
    }

    @Test
    void aFileThatIsNoListOfRoutesIsAProblemOfItsOwn() throws Exception {
        RouteFolder routes = new RouteFolder(home)
                .write("empty.camel.yaml", "# nothing yet\n")
                .write("mapping.camel.yaml", "route:\n  id: solo\n")
                .write("tabs.camel.yaml", "- route:\n\tid: tabbed\n")
                .write("twice.camel.yaml", "- route:\n    id: a\n    id: b\n    from: {uri: direct:a, steps: [{log: a}]}\n");
        java.nio.file.Files.write(routes.folder().resolve("latin1.camel.yaml"), new byte[] {'-', ' ', (byte) 0xE9, '\n'});
        assertProblems(check(routes),
                new Expected("routes/empty.camel.yaml", 0, "has no route (Camel refuses an empty route file"),
                new Expected("routes/latin1.camel.yaml", 0, "is not UTF-8 text (save it as UTF-8)"),
                new Expected("routes/mapping.camel.yaml", 1, "is not a list (a route file lists its items, each starting with '- '"),
                new Expected("routes/tabs.camel.yaml", 2, "is not valid YAML (column 1)", "TAB"),
                new Expected("routes/twice.camel.yaml", 3, "Duplicate", "\"id\"", "keep one"));
    }

    @Test
    void aUsersStepBetweenConvertAndWriteAndTheirOwnBeansPass() throws Exception {
        // The audit step of StoreRouteStepTest, and the connection factory of CamelRabbitFeedTest used by a route.
        RouteFolder routes = new RouteFolder(home)
                .edit(APPLY, CONVERT, CONVERT + """
                                              - log:
                                                  id: audit
                                                  logName: audit
                                                  message: "audit ${body}"
                        """)
                .write("rabbitmq.camel.yaml", """
                        - beans:
                            - name: rabbitmq
                              type: com.rabbitmq.jms.admin.RMQConnectionFactory
                              properties:
                                host: "{{rabbitmq.host}}"
                                password: "{{rabbitmq.password}}"
                        - route:
                            id: audit-to-rabbit
                            from:
                              uri: seda:audit
                              steps:
                                - to: "jms:queue:audit?connectionFactory=#rabbitmq&deliveryMode=2"
                        """);
        RouteReport report = check(routes);
        assertThat(report.problems()).as(report.text()).isEmpty();

        routes.edit("rabbitmq.camel.yaml", "#rabbitmq&", "#rabbitqm&");
        assertProblems(check(routes), new Expected("routes/rabbitmq.camel.yaml", 12,
                "bean 'rabbitqm' does not exist (did you mean 'rabbitmq'?", "declared in route files: rabbitmq"));
    }
}
