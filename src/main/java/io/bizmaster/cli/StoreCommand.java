package io.bizmaster.cli;

import java.io.PrintStream;
import java.net.http.HttpResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(name = "store", description = "Operates one store of a running BizMaster.",
        subcommands = {StoreCommand.Pause.class, StoreCommand.Resume.class, StoreSetConverterCommand.class,
            StoreParkedCommand.List.class, StoreParkedCommand.Retry.class, StoreParkedCommand.Skip.class})
public class StoreCommand {

    @Command(name = "pause", description = "Stops applying to the store; its commands wait in its queue and the log.")
    static class Pause extends StoreAction {
        Pause() {
            super("pause");
        }
    }

    @Command(name = "resume", description = "Applies again, from the store's checkpoint, in order.")
    static class Resume extends StoreAction {
        Resume() {
            super("resume");
        }
    }

    abstract static class StoreAction extends ServerVerb {

        private final String action;

        @Parameters(paramLabel = "NAME", description = "the store's name")
        String name;

        StoreAction(String action) {
            this.action = action;
        }

        @Override
        HttpResponse<String> request(Api api) throws Exception {
            return api.post("/api/stores/" + Api.segment(name) + "/" + action, null);
        }

        @Override
        String what() {
            return "store " + action + " " + name;
        }

        @Override
        void print(JsonNode store, PrintStream out) {
            printStore(store, out);
        }
    }

    /** "store modern: paused at checkpoint 1,200 (log head 1,250, lag 50)". */
    static void printStore(JsonNode store, PrintStream out) {
        out.printf("store %s: %s at checkpoint %,d (log head %,d, lag %,d), converter %s%n", store.path("name").asString(),
                StatusCommand.state(store), store.path("checkpoint").asLong(), store.path("head").asLong(),
                store.path("lag").asLong(), store.path("converter").asString());
    }
}
