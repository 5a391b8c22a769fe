package io.bizmaster.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "verify", description = {"Verifies that two stores of a running BizMaster hold the same business state, "
        + "through the projections of their converters, while commands keep flowing: shows progress (a bar, or plain "
        + "lines when output is not a terminal), a summary and the first differences side by side, writes the JSON "
        + "report; --json prints that report instead.",
        "Exit code 0: equal, 1: different, 3: inconclusive; a verification the server refuses or that fails is 2."})
public class VerifyCommand implements Callable<Integer> {

    /** How often the verb asks how far the verification got. */
    static final long POLL_MILLIS = 300;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "the store taken as reference, e.g. legacy")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET", description = "the store checked against it, e.g. modern")
    String target;

    @Option(names = "--entity", paramLabel = "E", description = "verify one entity only (default: all both stores project)")
    String entity;

    @Mixin
    ServerOptions server;

    @Mixin
    JsonOption json;

    @Option(names = "--report", paramLabel = "FILE", description = "where to write the JSON report (default "
            + "verification-<id>.json in the current folder; with --json only when given)")
    Path report;

    @Option(names = "--show", defaultValue = "10", paramLabel = "N", description = "differences to print (default ${DEFAULT-VALUE})")
    int show;

    @Spec
    CommandSpec spec;

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public Integer call() throws IOException, InterruptedException, Api.NotAnswering {
        if (show < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--show must be 0 or more, got " + show);
        }
        try (Output out = Output.open(json)) {
            if (report != null) {
                CliFiles.checkWritable(report);
            }
            Api api = server.api();
            ObjectNode request = mapper.createObjectNode().put("source", source).put("target", target);
            if (entity != null) {
                request.put("entity", entity);
            }
            HttpResponse<String> started = api.post("/api/verifications", mapper.writeValueAsString(request));
            if (started.statusCode() != 202) {
                System.err.println("cannot verify " + source + " against " + target + ": " + Api.problem(started));
                return ExitCodes.ERROR;
            }
            String id = Api.json(started).path("id").asString();
            out.text().printf("Verification %s: %s against %s%s%n", id, source, target, entity == null ? "" : ", entity " + entity);
            HttpResponse<String> finished = follow(api, id, out);
            JsonNode result = Api.json(finished);
            Path file = report != null ? report : out.json() ? null : Path.of("verification-" + id + ".json");
            if (file != null) {
                CliFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            }
            if (out.json()) {
                out.json(finished.body());
            } else {
                PrintWriter text = new PrintWriter(out.text());
                print(result, text);
                text.flush();
            }
            if (file != null) {
                out.text().println("Report: " + file);
            }
            if ("FAILED".equals(result.path("state").asString())) {
                return ExitCodes.ERROR;
            }
            return switch (result.path("outcome").asString()) {
                case "EQUAL" -> ExitCodes.OK;
                case "DIFFERENT" -> ExitCodes.NO;
                default -> ExitCodes.INCONCLUSIVE;
            };
        }
    }

    /** Polls until the verification has finished, showing each phase and the rows read; its last answer. */
    private HttpResponse<String> follow(Api api, String id, Output out) throws IOException, InterruptedException, Api.NotAnswering {
        String path = "/api/verifications/" + Api.segment(id);
        try (Progress progress = Progress.on(out, "rows")) {
            while (true) {
                HttpResponse<String> response = api.get(path);
                if (response.statusCode() != 200) {
                    throw new CliProblem("verify " + source + " " + target + ": following it, GET " + path + " answered "
                            + Api.problem(response));
                }
                JsonNode report = Api.json(response);
                if (!"RUNNING".equals(report.path("state").asString())) {
                    return response;
                }
                long rows = 0;
                for (JsonNode e : report.path("entities")) {
                    rows += e.path("sourceRows").asLong() + e.path("targetRows").asLong();
                }
                progress.show(new Progress.Step(report.path("phase").asString(), "", rows, null, null, null));
                Thread.sleep(POLL_MILLIS);
            }
        }
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
}
