package io.bizmaster.cli;

import java.io.PrintStream;
import java.net.http.HttpResponse;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

@Command(name = "status", description = "Shows every store of a running BizMaster: role, converter, checkpoint and lag "
        + "(log head - checkpoint); --json: GET /api/stores.")
public class StatusCommand extends ServerVerb {

    @Override
    HttpResponse<String> request(Api api) throws Exception {
        return api.get("/api/stores");
    }

    @Override
    String what() {
        return "status (GET " + server.url + "/api/stores)";
    }

    @Override
    void print(JsonNode stores, PrintStream out) {
        out.printf("%-12s %-9s %-12s %-7s %12s %12s %10s  %s%n", "STORE", "ROLE", "CONVERTER", "STATE",
                "CHECKPOINT", "LOG HEAD", "LAG", "PROBLEM");
        for (JsonNode s : stores) {
            String problem = s.has("failing")
                    ? "stuck at seq " + s.path("failing").path("seq").asLong() + ": " + s.path("failing").path("reason").asString()
                    : "";
            if (s.path("delivery").asString().equals("at-least-once")) {
                problem = (problem.isEmpty() ? "" : problem + "; ") + "write-only feed (" + s.path("connector").asString()
                        + "), at-least-once, not verifiable";
            }
            if (s.path("parkedKeys").asInt() > 0) {
                problem = (problem.isEmpty() ? "" : problem + "; ") + s.path("parkedKeys").asInt()
                        + " key(s) parked (store parked " + s.path("name").asString() + ")";
            }
            out.printf("%-12s %-9s %-12s %-7s %,12d %,12d %,10d  %s%n", s.path("name").asString(),
                    s.path("role").asString(), s.path("converter").asString(), state(s), s.path("checkpoint").asLong(),
                    s.path("head").asLong(), s.path("lag").asLong(), problem);
        }
    }

    /** paused, running or down, as status and the store verbs say it. */
    static String state(JsonNode store) {
        return store.path("paused").asBoolean() ? "paused" : store.path("reachable").asBoolean() ? "running" : "down";
    }
}
