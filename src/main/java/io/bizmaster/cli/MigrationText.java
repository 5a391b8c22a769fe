package io.bizmaster.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A migration's status, a list of them, a cut-over's dry run: as the migrate verbs print them for a person. */
final class MigrationText {

    private MigrationText() {
    }

    /** "store, legacy -> modern2, replay backfill" or "log move, jdbc:h2:… -> jdbc:postgresql:…". */
    static String route(JsonNode m) {
        String path = m.path("source").asString() + " -> " + m.path("target").asString();
        return "log".equals(m.path("kind").asString()) ? "log move, " + path
                : path + ", " + m.path("backfill").asString() + " backfill";
    }

    /** What its backfill counts: a snapshot copies rows, a replay or a log copy commands. */
    static String unit(JsonNode m) {
        return "snapshot".equals(m.path("backfill").asString()) ? "rows" : "commands";
    }

    static void print(JsonNode m, PrintStream out) {
        out.printf("migration %s: %s (%s)%n", m.path("id").asString(), m.path("phase").asString(), route(m));
        if (m.path("backfillTotal").isNumber()) {
            Progress.Step backfill = new Progress.Step("", "", m.path("backfilled").asLong(), m.path("backfillTotal").asLong(),
                    m.path("ratePerSecond").asDouble(), m.path("etaSeconds").isNumber() ? m.path("etaSeconds").asLong() : null);
            out.printf("  %-10s %s%s%n", "backfill", Progress.figures(backfill, unit(m)),
                    m.path("captureSeq").isNumber() ? String.format("; captured at seq %,d", m.path("captureSeq").asLong()) : "");
        }
        out.printf("  %-10s target %,d, primary %,d (log head %,d)%n", "lag", m.path("targetLag").asLong(),
                m.path("primaryLag").asLong(), m.path("logHead").asLong());
        if (m.path("verification").isString()) {
            out.printf("  %-10s %s%s%n", "verified", m.path("verification").asString(), m.path("changedKeys").isNumber()
                    ? String.format("; %,d key(s) changed since", m.path("changedKeys").asLong()) : "");
        }
        if (m.path("freezeWindowMs").isNumber()) {
            out.printf("  %-10s %,d ms (budget %,d ms)%n", "freeze", m.path("freezeWindowMs").asLong(), m.path("maxFreezeMs").asLong());
        }
        if (m.path("message").isString()) {
            out.printf("  %-10s %s%n", "message", m.path("message").asString());
        }
    }

    static void table(JsonNode migrations, PrintStream out) {
        if (migrations.isEmpty()) {
            out.println("no migrations");
            return;
        }
        out.printf("%-16s %-12s %-40s %8s %10s  %s%n", "MIGRATION", "PHASE", "ROUTE", "BACKFILL", "TARGET LAG", "MESSAGE");
        for (JsonNode m : migrations) {
            out.printf("%-16s %-12s %-40s %7.1f%% %,10d  %s%n", m.path("id").asString(), m.path("phase").asString(),
                    route(m), m.path("progressPercent").asDouble(), m.path("targetLag").asLong(), m.path("message").asString(""));
        }
    }

    /** A cut-over's dry run: what it would do and the estimated freeze; nothing changed. */
    static void plan(JsonNode p, PrintStream out) {
        out.printf("cut-over of migration %s (dry run, nothing changed): %s would become the primary, %s a shadow%n",
                p.path("migration").asString(), p.path("newPrimary").asString(), p.path("newShadow").asString());
        out.println("  " + p.path("verdict").asString());
        int n = 1;
        for (JsonNode step : p.path("steps")) {
            out.printf("  %d. %s%n", n++, step.asString());
        }
        out.printf("  estimated freeze %,d ms (budget %,d ms%s)%n", p.path("estimatedFreezeMs").asLong(),
                p.path("maxFreezeMs").asLong(), p.path("lastFreezeWindowMs").isNumber()
                        ? String.format(", last one %,d ms", p.path("lastFreezeWindowMs").asLong()) : "");
        List<String> lags = new ArrayList<>();
        for (Map.Entry<String, JsonNode> lag : p.path("storeLags").properties()) {
            lags.add(String.format("%s %,d", lag.getKey(), lag.getValue().asLong()));
        }
        out.printf("  log head %,d; lag %s (at most %,d to start); %,d key(s) to re-verify%s%n", p.path("logHead").asLong(),
                String.join(", ", lags), p.path("maxCutoverLag").asLong(), p.path("changedKeys").asLong(),
                p.path("verifiedSeq").isNumber() ? String.format(" (changed since seq %,d)", p.path("verifiedSeq").asLong()) : "");
    }
}
