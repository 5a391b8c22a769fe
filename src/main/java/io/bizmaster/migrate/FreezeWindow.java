package io.bizmaster.migrate;

import io.bizmaster.broker.Destinations;
import io.bizmaster.pipeline.PipelineControl;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded window of a cut-over or rollback, shared by every kind of migration: the intake frozen at the broker
 * ({@code biz.commands} paused there for every instance; writes wait in it, no database lock), a budget the steps inside check, the time each step took
 * (for the operator who must shorten it), and the intake resumed whatever happened. Measured from freezing the
 * intake to resuming it.
 */
public final class FreezeWindow {

    private static final Logger LOG = LoggerFactory.getLogger(FreezeWindow.class);

    private final PipelineControl pipeline;
    private final String migration;
    private final long budgetMillis;
    private final long start = System.nanoTime();
    private final StringBuilder laps = new StringBuilder();
    private long mark = start;

    public FreezeWindow(PipelineControl pipeline, String migration, long budgetMillis) {
        this.pipeline = pipeline;
        this.migration = migration;
        this.budgetMillis = budgetMillis;
    }

    /**
     * Pauses {@code biz.commands} at the broker, for every instance; returns once no intake batch is in flight anywhere,
     * so the log head no longer moves.
     *
     * @throws FreezeAborted if the intake does not come to rest within the budget
     */
    public void freeze(String reason) throws Exception {
        try {
            pipeline.freezeIntake(reason, migration, budgetMillis, deadlineNanos());
        } catch (TimeoutException e) {
            throw new FreezeAborted(e.getMessage());
        }
        lap("intake paused");
    }

    /** Records how long the step since the last lap took. */
    public void lap(String what) {
        long now = System.nanoTime();
        laps.append(laps.isEmpty() ? "" : ", ").append(what).append(' ')
                .append(TimeUnit.NANOSECONDS.toMillis(now - mark)).append(" ms");
        mark = now;
    }

    /** When the budget runs out, in {@link System#nanoTime()}. */
    public long deadlineNanos() {
        return start + TimeUnit.MILLISECONDS.toNanos(budgetMillis);
    }

    /** @throws FreezeAborted if the budget is spent, saying what was being done */
    public void within(String doing) throws FreezeAborted {
        if (System.nanoTime() > deadlineNanos()) {
            throw new FreezeAborted("the freeze budget of " + budgetMillis + " ms was spent " + doing);
        }
    }

    /** Resumes the intake; never throws: an intake that stays stopped silently would be worse than any error. */
    public void thaw() {
        try {
            pipeline.thawIntake();
        } catch (Exception e) {
            LOG.error("Migration '{}': {} could not be resumed after the freeze: {}; any instance undoes the freeze once it is "
                    + "stale (its budget plus bizmaster.freeze.stale-margin past, or the migration no longer FREEZING)", migration,
                    Destinations.COMMANDS, e.getMessage(), e);
        }
        lap("intake resumed");
    }

    public long millis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    public long budgetMillis() {
        return budgetMillis;
    }

    /** {@code intake paused 3 ms, drained 12 ms, …}. */
    public String laps() {
        return laps.toString();
    }
}
