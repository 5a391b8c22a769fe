package io.bizmaster.replay;

import java.time.Instant;

/**
 * What {@code GET /api/stores/{name}/replay} and the {@code replay} verb show.
 *
 * @param from            the savepoint: the store's data was as of this seq (0: emptied and rebuilt)
 * @param upTo            the log head when the replay started; the store's route applies what came after
 * @param checkpoint      the store's checkpoint as last recorded by the replay
 * @param replayed        commands replayed so far, of {@code total} = upTo - from
 * @param etaSeconds      time left at the current rate, null if unknown
 * @param primaryLag      log head minus the primary's checkpoint: the replay waits while it exceeds the throttle
 */
public record ReplayStatus(String store, long from, boolean resetCheckpoint, long upTo, String phase, long checkpoint,
                           long replayed, long total, double progressPercent, double ratePerSecond, Long etaSeconds,
                           long primaryLag, String message, Instant startedAt, Instant updatedAt) {
}
