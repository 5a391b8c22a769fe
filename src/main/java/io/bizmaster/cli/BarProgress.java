package io.bizmaster.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Progress as a bar on a terminal (me.tongfei:progressbar), one bar per phase: a new phase closes the bar of the last
 * one, which stays on screen as its record. The rate and the time left shown are the server's (it measures the work;
 * the bar only sees the looks), the server's note follows them. A phase with nothing to count is a plain line, and
 * another when its note changes.
 */
final class BarProgress implements Progress {

    private final PrintStream out;
    private final String unit;
    private ProgressBar bar;
    private String phase;
    private String signature;
    private volatile Long etaSeconds;

    BarProgress(PrintStream out, String unit) {
        this.out = out;
        this.unit = unit;
    }

    @Override
    public void show(Step step) {
        if (!step.counted()) {
            if (!step.signature().equals(signature)) {
                close();
                out.println(step.line(unit));
                out.flush();
            }
            signature = step.signature();
            phase = null;
            return;
        }
        signature = step.signature();
        if (!step.phase().equals(phase) || bar == null) {
            close();
            phase = step.phase();
            bar = new ProgressBarBuilder().setTaskName(step.phase()).setInitialMax(step.total() == null ? -1 : step.total())
                    .setUnit(" " + unit, 1).setConsumer(new ConsoleProgressBarConsumer(out))
                    .setEtaFunction(state -> Optional.ofNullable(etaSeconds).map(Duration::ofSeconds))
                    .setUpdateIntervalMillis(250).build();
        }
        etaSeconds = step.etaSeconds();
        if (step.total() != null) {
            bar.maxHint(step.total());
        }
        bar.stepTo(step.done());
        String rate = step.rate() == null || step.rate() <= 0 ? "" : String.format("%,.0f %s/s", step.rate(), unit);
        bar.setExtraMessage(rate.isEmpty() || step.note().isEmpty() ? rate + step.note() : rate + "; " + step.note());
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
