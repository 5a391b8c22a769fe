package io.bizmaster.cli;

import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

@Command(name = "domains", description = "Shows the command domains of a running BizMaster: each one's intake queue, head "
        + "(its own numbering), types, publications and stores, and what each subscriber store receives; --json: GET "
        + "/api/domains.")
public class DomainsCommand extends ServerVerb {

    @Override
    HttpResponse<String> request(Api api) throws Exception {
        return api.get("/api/domains");
    }

    @Override
    String what() {
        return "domains (GET " + server.url + "/api/domains)";
    }

    @Override
    void print(JsonNode answer, PrintStream out) {
        out.printf("%-10s %-18s %10s %5s  %s%n", "DOMAIN", "QUEUE", "HEAD", "TYPES", "STORES");
        for (JsonNode d : answer.path("domains")) {
            out.printf("%-10s %-18s %,10d %5d  %s%n", d.path("name").asString(), d.path("queue").asString(),
                    d.path("head").asLong(), d.path("types").size(), String.join(", ", texts(d.path("stores"))));
        }
        for (JsonNode d : answer.path("domains")) {
            for (JsonNode p : d.path("publications")) {
                out.printf("publication %s: %s (fields %s) to %s%n", p.path("name").asString(),
                        String.join(", ", texts(p.path("types"))), String.join(", ", texts(p.path("fields"))),
                        String.join(", ", texts(p.path("subscribers"))));
            }
        }
        for (JsonNode s : answer.path("subscribers")) {
            List<String> parts = new ArrayList<>();
            for (JsonNode sub : s.path("subscriptions")) {
                StringBuilder part = new StringBuilder(sub.path("publication").asString());
                if (!sub.path("types").isEmpty()) {
                    part.append(" types ").append(String.join("|", texts(sub.path("types"))));
                }
                for (Map.Entry<String, JsonNode> where : sub.path("where").properties()) {
                    part.append(" where ").append(where.getKey()).append(" in ").append(String.join("|", texts(where.getValue())));
                }
                parts.add(part.toString());
            }
            out.printf("subscriber %s: %s%n", s.path("store").asString(), String.join("; ", parts));
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asString()));
        return texts;
    }
}
