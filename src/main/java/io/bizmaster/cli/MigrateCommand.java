package io.bizmaster.cli;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The migration verbs of a running BizMaster (REST {@code /api/migrations}). */
@Command(name = "migrate", description = "Moves a store to primary, or the business store (kind: log) to another database: "
        + "create, status, cutover, rollback, complete, cancel.",
        subcommands = {MigrateCommand.Create.class, MigrateCommand.Status.class, MigrateCommand.Cutover.class,
            MigrateCommand.Rollback.class, MigrateCommand.Complete.class, MigrateCommand.Cancel.class})
public class MigrateCommand {

    abstract static class Call implements Callable<Integer> {

        @Mixin
        ServerOptions server;

        abstract HttpResponse<String> request(Api api) throws Exception;

        abstract String what();

        @Override
        public Integer call() throws Exception {
            HttpResponse<String> response;
            try {
                response = request(server.api());
            } catch (Api.NotAnswering e) {
                System.err.println(e.getMessage());
                return Api.NOT_ANSWERING;
            } catch (java.nio.file.NoSuchFileException e) {
                System.err.println(what() + ": no such file " + e.getFile());
                return 1;
            }
            if (response.statusCode() / 100 != 2) {
                System.err.println(what() + ": " + response.statusCode() + " " + response.body());
                return 1;
            }
            System.out.println(response.body());
            return 0;
        }
    }

    @Command(name = "create", description = "Records a migration from a YAML file; it starts at once.")
    static class Create extends Call {
        @Parameters(paramLabel = "FILE", description = "the migration's YAML definition")
        Path file;

        @Override
        HttpResponse<String> request(Api api) throws Exception {
            return api.post("/api/migrations", Files.readString(file), "application/yaml", Duration.ofMinutes(2));
        }

        @Override
        String what() {
            return "migrate create " + file;
        }
    }

    @Command(name = "status", description = "Phase, progress, ETA, lag, verification and freeze window of one or all migrations.")
    static class Status extends Call {
        @Parameters(paramLabel = "ID", arity = "0..1", description = "the migration (default: all)")
        String id;

        @Override
        HttpResponse<String> request(Api api) throws Exception {
            return api.get("/api/migrations" + (id == null ? "" : "/" + id));
        }

        @Override
        String what() {
            return "migrate status" + (id == null ? "" : " " + id);
        }
    }

    abstract static class Verb extends Call {
        @Parameters(paramLabel = "ID", description = "the migration")
        String id;

        private final String verb;

        Verb(String verb) {
            this.verb = verb;
        }

        @Override
        HttpResponse<String> request(Api api) throws Exception {
            return api.post("/api/migrations/" + id + "/" + verb + query(), "{}", "application/json", Duration.ofMinutes(2));
        }

        /** What the verb adds to its address, e.g. {@code ?dryRun=true}. */
        String query() {
            return "";
        }

        @Override
        String what() {
            return "migrate " + verb + " " + id;
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
