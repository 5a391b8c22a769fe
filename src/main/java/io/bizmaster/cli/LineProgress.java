package io.bizmaster.cli;

import java.io.PrintStream;

/**
 * Progress as plain lines, for a log or a pipe: a line when the phase or the kind of note changes and when the share
 * done passes another tenth, never one per look, so a long replay writes a dozen lines, not thousands.
 */
final class LineProgress implements Progress {

    private final PrintStream out;
    private final String unit;
    private String signature;
    private int tenth = -1;

    LineProgress(PrintStream out, String unit) {
        this.out = out;
        this.unit = unit;
    }

    @Override
    public void show(Step step) {
        int now = step.total() == null ? -1 : (int) Math.floor(step.percent() / 10);
        if (step.signature().equals(signature) && now <= tenth) {
            return;
        }
        signature = step.signature();
        tenth = now;
        out.println("  " + step.line(unit));
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }
}
