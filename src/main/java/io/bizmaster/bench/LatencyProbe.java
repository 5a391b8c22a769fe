package io.bizmaster.bench;

import io.bizmaster.apply.ApplyListener;
import io.bizmaster.log.LogEntry;
import io.bizmaster.store.Store;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Notes when each store committed the commands the benchmark is timing (epoch microseconds, so that they
 * compare with the log's received_at). Inert until armed, so in a normal run it costs one volatile read
 * per applied batch.
 *
 * <p>The times go into arrays sized before the run: a map entry per command and store, made while the
 * run is measured, was garbage the collector had to copy and scan in the very JVM being timed.
 */
public class LatencyProbe implements ApplyListener {

    private volatile Run run;

    /** Starts recording, for each store, when it commits each of {@code commandIds} (timed by their index). */
    public Run arm(List<String> stores, List<String> commandIds) {
        Run armed = new Run(stores, commandIds);
        run = armed;
        return armed;
    }

    public void disarm() {
        run = null;
    }

    @Override
    public void applied(Store store, List<LogEntry> entries) {
        Run r = run;
        if (r != null) {
            r.applied(store.name(), entries);
        }
    }

    /** One armed run. A time is 0 until recorded. */
    public static final class Run {

        private final List<String> stores;
        private final Map<String, Integer> index;
        private final long[][] committedAt;
        private final long[] receivedAt;
        private final AtomicInteger[] committed;

        Run(List<String> stores, List<String> commandIds) {
            this.stores = List.copyOf(stores);
            this.index = new HashMap<>(commandIds.size() * 2);
            for (int i = 0; i < commandIds.size(); i++) {
                index.putIfAbsent(commandIds.get(i), i);
            }
            this.committedAt = new long[stores.size()][commandIds.size()];
            this.receivedAt = new long[commandIds.size()];
            this.committed = new AtomicInteger[stores.size()];
            for (int s = 0; s < committed.length; s++) {
                committed[s] = new AtomicInteger();
            }
        }

        /** The index a command id is timed under (its first position), or -1. */
        public int indexOf(String commandId) {
            Integer i = index.get(commandId);
            return i == null ? -1 : i;
        }

        public List<String> stores() {
            return stores;
        }

        /** How many timed commands the store has committed so far. */
        public int committed(int store) {
            return committed[store].get();
        }

        /** Epoch microseconds at which the store committed the command, 0 if it has not. */
        public long committedAt(int store, int command) {
            return committedAt[store][command];
        }

        /** Epoch microseconds at which the intake received the command (the log's received_at), 0 if unknown. */
        public long receivedAt(int command) {
            return receivedAt[command];
        }

        private void applied(String storeName, List<LogEntry> entries) {
            int s = stores.indexOf(storeName);
            if (s < 0) {
                return;
            }
            long now = Micros.now();
            long[] times = committedAt[s];
            int added = 0;
            for (LogEntry entry : entries) {
                Integer i = entry.commandId() == null ? null : index.get(entry.commandId());
                if (i != null && times[i] == 0) {
                    times[i] = now;
                    added++;
                    if (receivedAt[i] == 0 && entry.receivedAt() != null) {
                        receivedAt[i] = Micros.of(entry.receivedAt());
                    }
                }
            }
            // After the array writes: a reader that sees the count sees the times.
            committed[s].addAndGet(added);
        }
    }
}
