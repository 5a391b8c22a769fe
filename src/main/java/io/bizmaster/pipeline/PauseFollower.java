package io.bizmaster.pipeline;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every pause interval, makes this instance's store routes match the pause flags any instance recorded
 * ({@link PipelineControl#followPauses}): {@code store pause} asked on one instance stops the store wherever its queue
 * is consumed, within about this interval.
 */
public class PauseFollower implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PauseFollower.class);

    private final PipelineControl pipeline;
    private final Duration interval;
    private volatile ScheduledExecutorService timer;
    private volatile String lastProblem;

    public PauseFollower(PipelineControl pipeline, Duration interval) {
        this.pipeline = pipeline;
        this.interval = interval;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pause-follower");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::round, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void round() {
        try {
            pipeline.followPauses();
            lastProblem = null;
        } catch (Exception e) {
            // The business store is away: StoreRecovery reports that; say it here once, not every second.
            if (!String.valueOf(e.getMessage()).equals(lastProblem)) {
                lastProblem = String.valueOf(e.getMessage());
                LOG.warn("Cannot follow the stores' pause flags: {}", e.getMessage());
            }
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService t = timer;
        if (t != null) {
            t.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    /** With StoreRecovery: after the routes start, stopped before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
