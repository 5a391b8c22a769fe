package io.bizmaster.cli;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * How far a long-running operation on the server got (a replay, a verification, a migration), shown each time the
 * verb looks: a progress bar when a person watches a terminal, else plain lines, one per change.
 */
interface Progress extends AutoCloseable {

    /**
     * One look at the server: what it is doing, how far, and the rate and time left it computed.
     *
     * @param phase what is going on (a phase of the replay or migration, a step of the verification)
     * @param note  the server's message about it, if any ("" when none)
     * @param done  how many units are done (commands, rows)
     * @param total how many there are in all; null when unknown
     * @param rate  units a second as the server measured them; null when it does not say
     * @param etaSeconds time left as the server estimated it; null when it does not say
     */
    record Step(String phase, String note, long done, Long total, Double rate, Long etaSeconds) {

        static Step of(String phase, String note) {
            return new Step(phase, note, 0, null, null, null);
        }

        Step withNote(String note) {
            return new Step(phase, note, done, total, rate, etaSeconds);
        }

        boolean counted() {
            return total != null || done > 0;
        }

        /** Share done, 0 to 100; 0 when the total is unknown. */
        double percent() {
            return total == null ? 0 : total == 0 ? 100 : Math.min(100, 100.0 * done / total);
        }

        /**
         * What makes a look a change worth a line: its phase, and its note with the numbers left out ("backfilling:
         * 2000 of 9000" is the same note as "backfilling: 4000 of 9000"; "backfill throttled" is a new one).
         */
        String signature() {
            return phase + "|" + note.replaceAll("[0-9][0-9,.]*", "#");
        }

        /** "PHASE: 1,234 of 5,000 commands (24.7%), 812 commands/s, ETA 5 s; note", or as much of it as is known. */
        String line(String unit) {
            String figures = Progress.figures(this, unit);
            String detail = figures.isEmpty() ? note : note.isEmpty() ? figures : figures + "; " + note;
            return phase + (detail.isEmpty() ? "" : ": " + detail);
        }
    }

    void show(Step step);

    @Override
    void close();

    /** A bar on a terminal (not with --json), else plain lines; {@code unit} names what is counted, e.g. "commands". */
    static Progress on(Output output, String unit) {
        return !output.json() && interactive() ? new BarProgress(output.text(), unit) : new LineProgress(output.text(), unit);
    }

    /** Whether a person is watching: standard input and output are a terminal. */
    static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // From Java 22 System.console() answers even when output is redirected; isTerminal() (22+) tells them apart.
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** "1,234 of 5,000 commands (24.7%), 812 commands/s, ETA 5 s", or as much of it as is known. */
    static String figures(Step step, String unit) {
        StringBuilder text = new StringBuilder();
        if (step.total() != null) {
            text.append(String.format("%,d of %,d %s (%.1f%%)", step.done(), step.total(), unit, step.percent()));
        } else if (step.done() > 0) {
            text.append(String.format("%,d %s", step.done(), unit));
        }
        if (step.rate() != null && step.rate() > 0) {
            text.append(String.format(", %,.0f %s/s", step.rate(), unit));
        }
        if (step.etaSeconds() != null) {
            text.append(", ETA ").append(eta(step.etaSeconds()));
        }
        return text.toString();
    }

    static String eta(long seconds) {
        return seconds < 60 ? seconds + " s" : seconds < 3600 ? String.format("%d min %02d s", seconds / 60, seconds % 60)
                : String.format("%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }
}
