package io.bizmaster.migrate;

import java.time.Instant;
import java.util.List;

/**
 * What {@code migrate status} and {@code GET /api/migrations/{id}} show.
 *
 * @param progressPercent backfill progress (100 once past the backfill)
 * @param etaSeconds      backfill time left at the current rate, null if unknown
 * @param targetLag       log head minus the target's checkpoint
 * @param primaryLag      log head minus the primary's checkpoint (what throttles the backfill)
 * @param freezeWindowMs  the last cut-over's (or rollback's) measured freeze: intake paused to intake resumed
 * @param kind            store, or log (the business store moves; source and target are then its databases)
 * @param backfillFrom    replay: the seq the backfill started from (0, or the target's savepoint)
 * @param verifiedSeq     the seq at which source and target were last proven equal
 * @param changedKeys     keys changed after {@code verifiedSeq} at the last look: what a cut-over would re-verify
 * @param maxRate         the backfill's cap ({@code max-rate}), commands or rows a second; null when uncapped
 * @param timeline        each phase it entered and each cut-over's or rollback's freeze window, oldest first
 */
public record MigrationStatus(String id, String source, String target, String converter, String backfill, String phase,
                              Long captureSeq, long backfilled, Long backfillTotal, double progressPercent, Long etaSeconds,
                              double ratePerSecond, long logHead, long targetLag, long primaryLag, String verification,
                              Long freezeWindowMs, long maxFreezeMs, String message, Instant createdAt, Instant updatedAt,
                              String kind, Long backfillFrom, Long verifiedSeq, Long changedKeys, Long maxRate,
                              List<MigrationEvent> timeline) {

    /** The same status with its timeline (what the workflow adds to what the migration's kind reports). */
    public MigrationStatus withTimeline(List<MigrationEvent> events) {
        return new MigrationStatus(id, source, target, converter, backfill, phase, captureSeq, backfilled, backfillTotal,
                progressPercent, etaSeconds, ratePerSecond, logHead, targetLag, primaryLag, verification, freezeWindowMs,
                maxFreezeMs, message, createdAt, updatedAt, kind, backfillFrom, verifiedSeq, changedKeys, maxRate,
                List.copyOf(events));
    }
}
