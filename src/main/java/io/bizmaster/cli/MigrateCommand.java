package io.bizmaster.cli;

import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** The migration verbs of a running BizMaster (REST {@code /api/migrations}). */
@Command(name = "migrate", description = "Moves a store to primary, or the business store (kind: log) to another database: "
        + "create, status, cutover, rollback, complete, cancel.",
        subcommands = {MigrateCommand.Create.class, MigrateCommand.Status.class, MigrateCommand.Cutover.class,
            MigrateCommand.Rollback.class, MigrateCommand.Complete.class, MigrateCommand.Cancel.class})
public class MigrateCommand {

    @Command(name = "create", description = "Records a migration from a YAML file; it starts at once "
            + "(follow it with migrate status ID --follow).")
    static class Create extends ServerVerb {
        @Parameters(paramLabel = "FILE", description = "the migration's YAML definition")
        Path file;

        @Override
        HttpResponse<String> request(Api api) throws Exception {
            return api.post("/api/migrations", CliFiles.readString(file), "application/yaml", Duration.ofMinutes(2));
        }

        @Override
        String what() {
            return "migrate create " + file;
        }

        @Override
        void print(JsonNode migration, PrintStream out) {
            MigrationText.print(migration, out);
            out.println("Follow it: migrate status " + migration.path("id").asString() + " --follow");
        }
    }

    @Command(name = "status", description = "Phase, progress, ETA, lag, verification and freeze window of one or all "
            + "migrations; --follow ID: until it waits for the operator (READY, CUT_OVER, ROLLED_BACK) or has ended "
            + "(COMPLETED, CANCELLED), with a progress bar of its backfill (plain lines when output is not a terminal).")
    static class Status extends ServerVerb {

        /** Where a migration waits for the operator or has ended: following it any longer would wait forever. */
        static final Set<String> RESTING = Set.of("READY", "CUT_OVER", "ROLLED_BACK", "COMPLETED", "CANCELLED");

        /** How often --follow asks: the runner records a backfill's position per chunk. */
        static final long POLL_MILLIS = 1_000;

        @Parameters(paramLabel = "ID", arity = "0..1", description = "the migration (default: all)")
        String id;

        @Option(names = "--follow", description = "follow migration ID, a line (or a bar) per phase, until it is READY, "
                + "CUT_OVER, ROLLED_BACK, COMPLETED or CANCELLED; exit 1 if CANCELLED")
        boolean follow;

        @Mixin
        FollowTimeout timeout;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!follow) {
                if (timeout.given()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--timeout goes with --follow");
                }
                return super.call();
            }
            if (id == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--follow needs the migration's ID");
            }
            return follow();
        }

        private int follow() throws Exception {
            try (Output out = Output.open(json)) {
                Api api = server.api();
                long deadline = timeout.deadline();
                HttpResponse<String> response = answered(api);
                JsonNode status = Api.json(response);
                out.text().printf("migration %s (%s): following it%n", id, MigrationText.route(status));
                try (Progress progress = Progress.on(out, MigrationText.unit(status))) {
                    progress.show(step(status));
                    while (!RESTING.contains(status.path("phase").asString())) {
                        if (System.nanoTime() > deadline) {
                            progress.close();
                            System.err.printf("migration %s: still %s after %s (%s); it goes on on the server%n", id,
                                    status.path("phase").asString(), timeout, status.path("message").asString());
                            return ExitCodes.NO;
                        }
                        Thread.sleep(POLL_MILLIS);
                        response = answered(api);
                        boolean wasBackfilling = "BACKFILLING".equals(status.path("phase").asString());
                        status = Api.json(response);
                        if (wasBackfilling && !"BACKFILLING".equals(status.path("phase").asString())) {
                            // Past the backfill: its bar (or line) ends with the figures the server ended it with.
                            progress.show(backfill(status, ""));
                        }
                        progress.show(step(status));
                    }
                }
                if (out.json()) {
                    out.json(response.body());
                } else {
                    MigrationText.print(status, out.text());
                }
                return status.path("phase").asString().equals("CANCELLED") ? ExitCodes.NO : ExitCodes.OK;
            }
        }

        /** The migration's status; a refusal (it is not there) ends the verb with its line and exit code. */
        private HttpResponse<String> answered(Api api) throws Exception {
            HttpResponse<String> response = request(api);
            if (response.statusCode() / 100 != 2) {
                throw new CliProblem(what() + ": " + Api.problem(response), ExitCodes.of(response.statusCode()));
            }
            return response;
        }

        /**
         * Backfill progress as the server computed it, with its message when that says more than the figures (a
         * throttle, a failed step; not "backfilling: N of M" or "copying …: N of M"); after the backfill, the phase and
         * the server's message.
         */
        private static Progress.Step step(JsonNode status) {
            String phase = status.path("phase").asString();
            String note = status.path("message").asString("");
            if (!phase.equals("BACKFILLING")) {
                return Progress.Step.of(phase, note);
            }
            return backfill(status, note.startsWith("backfilling: ") || note.startsWith("copying ") ? "" : note);
        }

        private static Progress.Step backfill(JsonNode status, String note) {
            JsonNode total = status.path("backfillTotal");
            return new Progress.Step("BACKFILLING", note, status.path("backfilled").asLong(), total.isNumber()
                    ? total.asLong() : null, status.path("ratePerSecond").asDouble(), status.path("etaSeconds").isNumber()
                            ? status.path("etaSeconds").asLong() : null);
        }

        @Override
        HttpResponse<String> request(Api api) throws Exception {
            return api.get("/api/migrations" + (id == null ? "" : "/" + Api.segment(id)));
        }

        @Override
        String what() {
            return "migrate status" + (id == null ? "" : " " + id);
        }

        @Override
        void print(JsonNode answer, PrintStream out) {
            if (answer.isArray()) {
                MigrationText.table(answer, out);
            } else {
                MigrationText.print(answer, out);
            }
        }
    }

    abstract static class Verb extends ServerVerb {
        @Parameters(paramLabel = "ID", description = "the migration")
        String id;

        private final String verb;

        Verb(String verb) {
            this.verb = verb;
        }

        @Override
        HttpResponse<String> request(Api api) throws Exception {
            return api.post("/api/migrations/" + Api.segment(id) + "/" + verb + query(), "{}", "application/json",
                    Duration.ofMinutes(2));
        }

        /** What the verb adds to its address, e.g. {@code ?dry-run=true}. */
        String query() {
            return "";
        }

        @Override
        String what() {
            return "migrate " + verb + " " + id;
        }

        @Override
        void print(JsonNode migration, PrintStream out) {
            MigrationText.print(migration, out);
        }
    }

    @Command(name = "cutover", description = "Freezes intake, drains, re-verifies, makes the target primary, resumes "
            + "(kind: log: copies the rest of the log, proves it, switches the business store); aborts if the freeze "
            + "budget would be exceeded.")
    static class Cutover extends Verb {
        @Option(names = "--dry-run", description = "run every check, print the steps and an estimated freeze; change nothing")
        boolean dryRun;

        Cutover() {
            super("cutover");
        }

        @Override
        String query() {
            return dryRun ? "?dry-run=true" : "";
        }

        @Override
        String what() {
            return super.what() + (dryRun ? " --dry-run" : "");
        }

        @Override
        void print(JsonNode answer, PrintStream out) {
            if (dryRun) {
                MigrationText.plan(answer, out);
            } else {
                super.print(answer, out);
            }
        }
    }

    @Command(name = "rollback", description = "After a cut-over: the old store is primary again; the target stays a fed "
            + "shadow (kind: log: the log moves back with what was logged since).")
    static class Rollback extends Verb {
        Rollback() {
            super("rollback");
        }
    }

    @Command(name = "complete", description = "After a cut-over: detaches the old store (kind: log: retires the old "
            + "business store; its redirect stays).")
    static class Complete extends Verb {
        Complete() {
            super("complete");
        }
    }

    @Command(name = "cancel", description = "Before a cut-over (or after a rollback): drops the target's feed (kind: log: "
            + "drops the copied log).")
    static class Cancel extends Verb {
        Cancel() {
            super("cancel");
        }
    }
}
