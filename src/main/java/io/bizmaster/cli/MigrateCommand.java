package io.bizmaster.cli;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The migration verbs of a running BizMaster (REST {@code /api/migrations}). */
@Command(name = "migrate", description = "Moves a store to primary, or the business store (kind: log) to another database: "
        + "create, status, cutover, rollback, complete, cancel.",
        subcommands = {MigrateCommand.Create.class, MigrateCommand.Status.class, MigrateCommand.Cutover.class,
            MigrateCommand.Rollback.class, MigrateCommand.Complete.class, MigrateCommand.Cancel.class})
public class MigrateCommand {

    abstract static class Call implements Callable<Integer> {

        @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "BizMaster's HTTP address (default ${DEFAULT-VALUE})")
        String url;

        abstract HttpRequest.Builder request() throws Exception;

        abstract String what();

        @Override
        public Integer call() throws Exception {
            HttpResponse<String> response;
            try {
                response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                        .send(request().timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                System.err.println("BizMaster is not answering at " + url + ": start it with 'java -jar target/bizmaster.jar run'");
                return 2;
            }
            if (response.statusCode() / 100 != 2) {
                System.err.println(what() + ": " + response.statusCode() + " " + response.body());
                return 1;
            }
            System.out.println(response.body());
            return 0;
        }

        HttpRequest.Builder post(String path) {
            return HttpRequest.newBuilder(URI.create(url + path)).POST(HttpRequest.BodyPublishers.noBody());
        }
    }

    @Command(name = "create", description = "Records a migration from a YAML file; it starts at once.")
    static class Create extends Call {
        @Parameters(paramLabel = "FILE", description = "the migration's YAML definition")
        Path file;

        @Override
        HttpRequest.Builder request() throws Exception {
            return HttpRequest.newBuilder(URI.create(url + "/api/migrations")).header("content-type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString(Files.readString(file)));
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
        HttpRequest.Builder request() {
            return HttpRequest.newBuilder(URI.create(url + "/api/migrations" + (id == null ? "" : "/" + id))).GET();
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
        HttpRequest.Builder request() {
            return post("/api/migrations/" + id + "/" + verb);
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
        HttpRequest.Builder request() {
            return post("/api/migrations/" + id + "/cutover" + (dryRun ? "?dry-run=true" : ""));
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
