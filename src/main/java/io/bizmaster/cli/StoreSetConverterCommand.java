package io.bizmaster.cli;

import java.io.PrintStream;
import java.net.http.HttpResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code store set-converter NAME name@version}: seed scenario 2, on a paused store. */
@Command(name = "set-converter", description = "Switches a paused store to another converter version; "
        + "its waiting commands apply with it on resume.")
class StoreSetConverterCommand extends ServerVerb {

    @Parameters(index = "0", paramLabel = "NAME", description = "the store's name")
    String name;

    @Parameters(index = "1", paramLabel = "CONVERTER", description = "name@version, e.g. modern@2")
    String converter;

    @Override
    HttpResponse<String> request(Api api) throws Exception {
        return api.post("/api/stores/" + Api.segment(name) + "/converter", "{\"converter\":" + Api.quote(converter) + "}");
    }

    @Override
    String what() {
        return "store set-converter " + name + " " + converter;
    }

    @Override
    void print(JsonNode store, PrintStream out) {
        StoreCommand.printStore(store, out);
    }
}
