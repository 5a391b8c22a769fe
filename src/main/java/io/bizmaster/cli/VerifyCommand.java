package io.bizmaster.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "verify", description = {"Verifies that two stores of a running BizMaster hold the same business state, "
        + "through the projections of their converters, while commands keep flowing: prints progress, a summary and the "
        + "first differences side by side, writes the JSON report.",
        "Exit code: 0 equal, 1 different, 3 inconclusive (keys still changing at the settle timeout), 2 error."})
public class VerifyCommand implements Callable<Integer> {

    static final int EQUAL = 0;
    static final int DIFFERENT = 1;
    static final int ERROR = 2;
    static final int INCONCLUSIVE = 3;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "the store taken as reference, e.g. legacy")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET", description = "the store checked against it, e.g. modern")
    String target;

    @Option(names = "--entity", paramLabel = "E", description = "verify one entity only (default: all both stores project)")
    String entity;

    @Mixin
    ServerOptions server;

    @Option(names = "--report", paramLabel = "FILE", description = "where to write the JSON report (default verification-<id>.json)")
    Path report;

    @Option(names = "--show", defaultValue = "10", paramLabel = "N", description = "differences to print (default ${DEFAULT-VALUE})")
    int show;

    @Spec
    CommandSpec spec;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws IOException, InterruptedException {
        Api api = server.api();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ObjectNode request = json.createObjectNode().put("source", source).put("target", target);
        if (entity != null) {
            request.put("entity", entity);
        }
        HttpResponse<String> started;
        JsonNode result;
        try {
            started = api.post("/api/verifications", json.writeValueAsString(request));
            if (started.statusCode() != 202) {
                err.println("cannot verify " + source + " against " + target + ": " + errorOf(started));
                return ERROR;
            }
            String id = json.readTree(started.body()).path("id").asString();
            out.printf("Verification %s: %s against %s%s%n", id, source, target, entity == null ? "" : ", entity " + entity);
            out.flush();
            result = follow(api, id, out);
        } catch (Api.NotAnswering e) {
            err.println(e.getMessage());
            return ERROR;
        }
        String id = result.path("id").asString();
        Path file = report != null ? report : Path.of("verification-" + id + ".json");
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        print(result, out);
        out.println("Report: " + file);
        out.flush();
        if ("FAILED".equals(result.path("state").asString())) {
            return ERROR;
        }
        return switch (result.path("outcome").asString()) {
            case "EQUAL" -> EQUAL;
            case "DIFFERENT" -> DIFFERENT;
            default -> INCONCLUSIVE;
        };
    }

    /** Polls until the verification has finished, printing each change of phase and the rows read. */
    private JsonNode follow(Api api, String id, PrintWriter out) throws IOException, InterruptedException, Api.NotAnswering {
        String lastLine = "";
        long lastPrint = 0;
        while (true) {
            HttpResponse<String> response = api.get("/api/verifications/" + id);
            if (response.statusCode() != 200) {
                throw new IOException("GET /api/verifications/" + id + " answered " + response.statusCode() + ": " + errorOf(response));
            }
            JsonNode report = json.readTree(response.body());
            if (!"RUNNING".equals(report.path("state").asString())) {
                return report;
            }
            String line = progress(report);
            boolean phaseChanged = !line.startsWith(report.path("phase").asString()) || !lastLine.startsWith(report.path("phase").asString());
            if (!line.equals(lastLine) && (phaseChanged || System.nanoTime() - lastPrint > 2_000_000_000L)) {
                out.println("  " + line);
                out.flush();
                lastLine = line;
                lastPrint = System.nanoTime();
            }
            Thread.sleep(300);
        }
    }

    private String progress(JsonNode report) {
        StringBuilder line = new StringBuilder(report.path("phase").asString());
        for (JsonNode e : report.path("entities")) {
            if (e.path("sourceRows").asLong() > 0 || e.path("targetRows").asLong() > 0) {
                line.append(String.format("; %s %,d/%,d rows", e.path("entity").asString(), e.path("sourceRows").asLong(),
                        e.path("targetRows").asLong()));
            }
        }
        return line.toString();
    }

    private void print(JsonNode report, PrintWriter out) {
        out.println();
        if ("FAILED".equals(report.path("state").asString())) {
            out.println("FAILED: " + report.path("error").asString());
            return;
        }
        out.printf("%-12s %12s %12s %12s %9s %9s %9s %9s %9s%n", "ENTITY", source.toUpperCase() + " ROWS",
                target.toUpperCase() + " ROWS", "MATCHED", "MISSING", "EXTRA", "DIFFERENT", "RECHECKED", "UNSETTLED");
        for (JsonNode e : report.path("entities")) {
            out.printf("%-12s %,12d %,12d %,12d %,9d %,9d %,9d %,9d %,9d%n", e.path("entity").asString(),
                    e.path("sourceRows").asLong(), e.path("targetRows").asLong(), e.path("matched").asLong(),
                    e.path("missing").asLong(), e.path("extra").asLong(), e.path("different").asLong(),
                    e.path("inFlight").asLong(), e.path("unsettled").asLong());
            for (Map.Entry<String, JsonNode> only : e.path("notCompared").properties()) {
                out.printf("  not compared (only in %s): %s%n", only.getKey(), only.getValue());
            }
        }
        out.println();
        out.println(report.path("outcome").asString() + ": " + report.path("summary").asString()
                + (report.has("sourceSeq") ? " [" + source + " at seq " + report.path("sourceSeq").asLong() + ", " + target
                + " at seq " + report.path("targetSeq").asLong() + " when scanned]" : ""));
        JsonNode differences = report.path("differences");
        if (differences.isEmpty()) {
            return;
        }
        long total = report.path("differenceCount").asLong();
        out.printf("%nFirst %d of %,d difference(s):%n", Math.min(show, differences.size()), total);
        int shown = 0;
        for (JsonNode d : differences) {
            if (shown++ == show) {
                break;
            }
            printDifference(d, out);
        }
    }

    private void printDifference(JsonNode d, PrintWriter out) {
        String kind = d.path("kind").asString();
        List<String> differing = new ArrayList<>();
        d.path("columns").forEach(c -> differing.add(c.asString()));
        String what = switch (kind) {
            case "MISSING" -> "missing in " + target;
            case "EXTRA" -> "extra in " + target + " (missing in " + source + ")";
            default -> "differs in " + String.join(", ", differing);
        };
        out.printf("%n%s %s %s (at seq %d)%n", d.path("entity").asString(), d.path("key").asString(), what, d.path("comparedAtSeq").asLong());
        out.printf("    %-16s %-36s %s%n", "column", source, target);
        JsonNode sourceValues = d.path("source");
        JsonNode targetValues = d.path("target");
        List<String> columns = new ArrayList<>((sourceValues.isObject() ? sourceValues : targetValues).propertyNames());
        for (String column : columns) {
            out.printf("  %s %-16s %-36s %s%n", differing.contains(column) ? "*" : " ", cut(column, 16),
                    cell(sourceValues, column), cell(targetValues, column));
        }
    }

    private static String cell(JsonNode values, String column) {
        if (!values.isObject()) {
            return "(no row)";
        }
        JsonNode value = values.get(column);
        return value == null || value.isNull() ? "NULL" : cut("'" + value.asString() + "'", 36);
    }

    private static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }

    private String errorOf(HttpResponse<String> response) {
        try {
            JsonNode body = json.readTree(response.body());
            if (body.has("error")) {
                return body.get("error").asString();
            }
        } catch (JacksonException e) {
            // not JSON: show it as it came
        }
        return response.statusCode() + " " + response.body();
    }
}
