package io.bizmaster.bench;

import io.bizmaster.apply.ApplyListener;
import io.bizmaster.log.LogEntry;
import io.bizmaster.store.Store;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notes when each store committed the commands the benchmark is timing. Inert until armed, so in a normal
 * run it costs one volatile read per applied batch.
 */
public class LatencyProbe implements ApplyListener {

    private volatile Map<String, Map<String, Long>> committedAt;

    /** Starts recording, per store, the commit time of each command id. */
    public void arm(List<String> stores) {
        Map<String, Map<String, Long>> maps = new ConcurrentHashMap<>();
        stores.forEach(s -> maps.put(s, new ConcurrentHashMap<>()));
        committedAt = maps;
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
        long now = System.nanoTime();
        for (LogEntry entry : entries) {
            if (entry.commandId() != null) {
                times.putIfAbsent(entry.commandId(), now);
            }
        }
    }
}
