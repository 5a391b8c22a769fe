package io.bizmaster.cli;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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

        @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "BizMaster's HTTP address (default ${DEFAULT-VALUE})")
        String url;

        StoreAction(String action) {
            this.action = action;
        }

        @Override
        public Integer call() throws Exception {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(URI.create(url + "/api/stores/" + name + "/" + action))
                        .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                System.err.println("BizMaster is not answering at " + url + ": start it with 'java -jar target/bizmaster.jar run'");
                return 2;
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
