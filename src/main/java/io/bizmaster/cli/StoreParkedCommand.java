package io.bizmaster.cli;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** The verbs on a store's parked commands: {@code store parked}, {@code store retry}, {@code store skip}. */
final class StoreParkedCommand {

    private StoreParkedCommand() {
    }

    @Command(name = "parked", description = "Lists the commands a store parked (it could not apply them), with the reasons.")
    static class List extends ServerVerb {

        @Parameters(paramLabel = "NAME", description = "the store's name")
        String name;

        @Option(names = "--key", description = "only this key's")
        String key;

        @Override
        HttpResponse<String> request(Api api) throws Exception {
            return api.get("/api/stores/" + Api.segment(name) + "/parked?limit=1000"
                    + (key == null ? "" : "&key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)));
        }

        @Override
        String what() {
            return "store parked " + name + (key == null ? "" : " --key " + key);
        }

        @Override
        void print(JsonNode answer, PrintStream out) {
            out.printf("%,d command(s) parked in store %s%n", answer.path("parkedNow").asLong(), name);
            for (JsonNode p : answer.path("commands")) {
                out.printf("%,10d  %-8s %-20s %-24s %s%s%n", p.path("seq").asLong(), p.path("state").asString(),
                        p.path("key").asString(), p.path("type").asString(), p.path("reason").asString(),
                        p.path("skipReason").isString() ? " (skipped: " + p.path("skipReason").asString() + ")" : "");
            }
        }
    }

    @Command(name = "retry", description = "Applies a store's parked commands again, key by key in seq order "
            + "(e.g. after store set-converter to a fixed version).")
    static class Retry extends ServerVerb {

        @Parameters(paramLabel = "NAME", description = "the store's name")
        String name;

        @Option(names = "--key", description = "only this key's (default: every parked key)")
        String key;

        @Override
        HttpResponse<String> request(Api api) throws Exception {
            return api.post("/api/stores/" + Api.segment(name) + "/parked/retry", key == null ? "{}" : "{\"key\": " + Api.quote(key) + "}");
        }

        @Override
        String what() {
            return "store retry " + name + (key == null ? "" : " --key " + key);
        }

        @Override
        void print(JsonNode answer, PrintStream out) {
            out.printf("store %s: %d applied, %d still parked%s%n", name, answer.path("applied").asInt(),
                    answer.path("stillParked").asInt(),
                    answer.path("reason").isString() ? " (" + answer.path("reason").asString() + ")" : "");
        }
    }

    @Command(name = "skip", description = "Lets one parked command go, recording why; later commands of its key stay "
            + "parked until retried.")
    static class Skip extends ServerVerb {

        @Parameters(index = "0", paramLabel = "NAME", description = "the store's name")
        String name;

        @Parameters(index = "1", paramLabel = "SEQ", description = "the parked command's seq")
        long seq;

        @Option(names = "--reason", required = true, description = "why it is skipped (kept with it)")
        String reason;

        @Override
        HttpResponse<String> request(Api api) throws Exception {
            return api.post("/api/stores/" + Api.segment(name) + "/parked/" + seq + "/skip", "{\"reason\": " + Api.quote(reason) + "}");
        }

        @Override
        String what() {
            return "store skip " + name + " " + seq;
        }

        @Override
        void print(JsonNode answer, PrintStream out) {
            out.printf("store %s: seq %d skipped (%s)%n", name, seq, answer.path("skipReason").asString());
        }
    }
}
