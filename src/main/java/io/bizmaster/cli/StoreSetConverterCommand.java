package io.bizmaster.cli;

import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code store set-converter NAME name@version}: seed scenario 2, on a paused store. */
@Command(name = "set-converter", description = "Switches a paused store to another converter version; "
        + "its waiting commands apply with it on resume.")
class StoreSetConverterCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "the store's name")
    String name;

    @Parameters(index = "1", paramLabel = "CONVERTER", description = "name@version, e.g. modern@2")
    String converter;

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() throws Exception {
        String body = "{\"converter\":" + Api.quote(converter) + "}";
        HttpResponse<String> response;
        try {
            response = server.api().post("/api/stores/" + name + "/converter", body);
        } catch (Api.NotAnswering e) {
            System.err.println(e.getMessage());
            return Api.NOT_ANSWERING;
        }
        if (response.statusCode() != 200) {
            System.err.println("set-converter " + name + " " + converter + ": " + response.statusCode() + " " + response.body());
            return 1;
        }
        System.out.println(response.body());
        return 0;
    }
}
