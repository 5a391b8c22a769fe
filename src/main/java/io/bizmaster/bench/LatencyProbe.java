package io.bizmaster.bench;

import io.bizmaster.apply.ApplyListener;
import io.bizmaster.log.LogEntry;
import io.bizmaster.store.Store;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notes when each store committed the commands the benchmark is timing (epoch microseconds, so that they
 * compare with the log's received_at). Inert until armed, so in a normal
 * run it costs one volatile read per applied batch.
 */
public class LatencyProbe implements ApplyListener {

    private volatile Map<String, Map<String, Long>> committedAt;
    /** When the intake received each timed command (the log's received_at), in epoch microseconds. */
    private volatile Map<String, Long> receivedAt;

    /** Starts recording, per store, the commit time of each command id. */
    public void arm(List<String> stores) {
        Map<String, Map<String, Long>> maps = new ConcurrentHashMap<>();
        stores.forEach(s -> maps.put(s, new ConcurrentHashMap<>()));
        receivedAt = new ConcurrentHashMap<>();
        committedAt = maps;
    }

    /** Epoch microseconds at which the intake received each timed command, as far as a store has seen it. */
    public Map<String, Long> received() {
        return receivedAt;
    }

    public Map<String, Map<String, Long>> disarm() {
        Map<String, Map<String, Long>> recorded = committedAt;
        committedAt = null;
        return recorded;
    }

    /** How many timed commands each store has committed so far. */
    public Map<String, Integer> committed() {
        Map<String, Map<String, Long>> maps = committedAt;
        Map<String, Integer> counts = new java.util.HashMap<>();
        if (maps != null) {
            maps.forEach((store, times) -> counts.put(store, times.size()));
        }
        return counts;
    }

    @Override
    public void applied(Store store, List<LogEntry> entries) {
        Map<String, Map<String, Long>> maps = committedAt;
        if (maps == null) {
            return;
        }
        Map<String, Long> times = maps.get(store.name());
        if (times == null) {
            return;
        }
        long now = Micros.now();
        Map<String, Long> received = receivedAt;
        for (LogEntry entry : entries) {
            if (entry.commandId() != null) {
                times.putIfAbsent(entry.commandId(), now);
                if (received != null && entry.receivedAt() != null) {
                    received.putIfAbsent(entry.commandId(), Micros.of(entry.receivedAt()));
                }
            }
        }
    }
}
