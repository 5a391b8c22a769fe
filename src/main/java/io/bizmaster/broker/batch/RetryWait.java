package io.bizmaster.broker.batch;

/**
 * The wait between a failed batch and the next attempt. The back-off paces attempts while what failed (the business
 * store) is down; once something knows it works again, {@link #wake} ends every wait at once instead of letting a
 * doubled delay run out.
 */
final class RetryWait {

    private final Object lock = new Object();
    private long wakes;

    /** Taken before an attempt: a wake after it (even before the wait begins) ends the wait that follows. */
    long mark() {
        synchronized (lock) {
            return wakes;
        }
    }

    /**
     * Waits up to {@code millis}, less if woken since {@code mark}; returns early (flag kept) when the thread is
     * interrupted.
     */
    void await(long millis, long mark) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        synchronized (lock) {
            long left;
            while (wakes == mark && (left = deadline - System.nanoTime()) > 0) {
                try {
                    lock.wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    void wake() {
        synchronized (lock) {
            wakes++;
            lock.notifyAll();
        }
    }
}
