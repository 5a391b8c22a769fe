package io.bizmaster.log;

import java.util.ArrayList;
import java.util.List;

/**
 * The latest entries this process appended, exactly as committed. Stores that keep up with the intake read
 * their next commands here instead of from the business store: on the live path every store used to read
 * every entry back from the database it had just been written to.
 *
 * <p>It holds one window of consecutive sequence numbers. Entries appended by another instance leave a gap,
 * and the window restarts after it; a read it cannot serve from its first entry goes to the database.
 */
final class LogTail {

    private final LogEntry[] ring;
    /** The window held: [low, high]; empty when high &lt; low. */
    private long low = 1;
    private long high = 0;

    LogTail(int capacity) {
        this.ring = new LogEntry[Math.max(capacity, 0)];
    }

    /** Called only after the entries' transaction committed; they come in increasing seq order. */
    synchronized void committed(List<LogEntry> written) {
        if (ring.length == 0) {
            return;
        }
        for (LogEntry entry : written) {
            if (entry.seq() != high + 1) {
                low = entry.seq();
            }
            ring[(int) (entry.seq() % ring.length)] = entry;
            high = entry.seq();
            low = Math.max(low, high - ring.length + 1);
        }
    }

    /**
     * Entries from {@code afterSeq + 1} on, at most {@code limit}, or null when the window does not hold
     * {@code afterSeq + 1}. May return fewer than the log has: the window ends at this process's last append.
     */
    synchronized List<LogEntry> after(long afterSeq, int limit) {
        long first = afterSeq + 1;
        if (first < low || first > high) {
            return null;
        }
        long last = Math.min(high, afterSeq + limit);
        List<LogEntry> entries = new ArrayList<>((int) (last - first + 1));
        for (long seq = first; seq <= last; seq++) {
            entries.add(ring[(int) (seq % ring.length)]);
        }
        return entries;
    }
}
