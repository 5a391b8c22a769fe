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

/** {@code store set-converter NAME name@version}: seed scenario 2, on a paused store. */
@Command(name = "set-converter", description = "Switches a paused store to another converter version; "
        + "its waiting commands apply with it on resume.")
class StoreSetConverterCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "the store's name")
    String name;

    @Parameters(index = "1", paramLabel = "CONVERTER", description = "name@version, e.g. modern@2")
    String converter;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "BizMaster's HTTP address (default ${DEFAULT-VALUE})")
    String url;

    @Override
    public Integer call() throws Exception {
        String body = "{\"converter\":\"" + converter.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                    HttpRequest.newBuilder(URI.create(url + "/api/stores/" + name + "/converter"))
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            System.err.println("BizMaster is not answering at " + url + ": start it with 'java -jar target/bizmaster.jar run'");
            return 2;
        }
        if (response.statusCode() != 200) {
            System.err.println("set-converter " + name + " " + converter + ": " + response.statusCode() + " " + response.body());
            return 1;
        }
        System.out.println(response.body());
        return 0;
    }
}
