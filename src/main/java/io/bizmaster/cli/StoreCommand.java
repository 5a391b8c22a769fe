package io.bizmaster.cli;

import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

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

    abstract static class StoreAction implements Callable<Integer> {

        private final String action;

        @Parameters(paramLabel = "NAME", description = "the store's name")
        String name;

        @Mixin
        ServerOptions server;

        StoreAction(String action) {
            this.action = action;
        }

        @Override
        public Integer call() throws Exception {
            HttpResponse<String> response;
            try {
                response = server.api().post("/api/stores/" + name + "/" + action, null);
            } catch (Api.NotAnswering e) {
                System.err.println(e.getMessage());
                return Api.NOT_ANSWERING;
            }
            if (response.statusCode() != 200) {
                System.err.println(action + " " + name + ": " + response.statusCode() + " " + response.body());
                return 1;
            }
            System.out.println(response.body());
            return 0;
        }
    }
}
