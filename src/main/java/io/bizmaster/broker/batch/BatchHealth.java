package io.bizmaster.broker.batch;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How an endpoint's consumers fare: what health and metrics show of the intake. A batch that failed is taken again
 * after a back-off; until one commits, the endpoint is failing, since when, and why.
 */
public final class BatchHealth {

    /** A point-in-time view. {@code failingSince} and {@code lastFailure} are null while batches commit. */
    public record Status(long committedMessages, long failedBatches, Instant failingSince, String lastFailure) {

        public boolean failing() {
            return failingSince != null;
        }
    }

    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Instant failingSince;
    private volatile String lastFailure;

    void committed(int messages) {
        committed.addAndGet(messages);
        failingSince = null;
        lastFailure = null;
    }

    void failed(Throwable cause) {
        failed.incrementAndGet();
        if (failingSince == null) {
            failingSince = Instant.now();
        }
        lastFailure = cause == null ? "unknown" : String.valueOf(cause.getMessage() == null ? cause : cause.getMessage());
    }

    public Status status() {
        return new Status(committed.get(), failed.get(), failingSince, lastFailure);
    }
}
