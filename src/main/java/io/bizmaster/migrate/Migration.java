package io.bizmaster.migrate;

import java.time.Instant;

/**
 * A migration's persisted state: its plan, phase and progress. Changed only under the workflow's lock and
 * saved by {@link MigrationRepository} after every step, so what a restart reads is what was last done.
 */
public final class Migration {

    private final MigrationDefinition definition;
    private final Instant createdAt;
    private MigrationPhase phase;
    private Long captureSeq;
    private long backfillPosition;
    private long copied;
    private Long total;
    private String verification;
    private Long verifiedSeq;
    private Long changedKeys;
    private Long backfillFrom;
    private Long freezeWindowMillis;
    private String message;
    private Instant updatedAt;
    /** The phase and freeze window the timeline has recorded last: a save that changes either adds an event. */
    private MigrationPhase recordedPhase;
    private Long recordedFreeze;

    public Migration(MigrationDefinition definition, MigrationPhase phase, Instant createdAt) {
        this.definition = definition;
        this.phase = phase;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    public String id() {
        return definition.id();
    }

    public MigrationDefinition definition() {
        return definition;
    }

    public MigrationPhase phase() {
        return phase;
    }

    public void phase(MigrationPhase phase) {
        this.phase = phase;
    }

    /** N: the log head when the target's queue was bound; the backfill covers 1..N, catch-up N+1 on. */
    public Long captureSeq() {
        return captureSeq;
    }

    public void captureSeq(Long captureSeq) {
        this.captureSeq = captureSeq;
    }

    /** Where the backfill stands: the last seq applied (replay). */
    public long backfillPosition() {
        return backfillPosition;
    }

    public void backfillPosition(long position) {
        this.backfillPosition = position;
    }

    public long copied() {
        return copied;
    }

    public void copied(long copied) {
        this.copied = copied;
    }

    public Long total() {
        return total;
    }

    public void total(Long total) {
        this.total = total;
    }

    public String verification() {
        return verification;
    }

    public void verification(String verification) {
        this.verification = verification;
    }

    /** The seq at which source and target were last proven equal, or null. */
    public Long verifiedSeq() {
        return verifiedSeq;
    }

    public void verifiedSeq(Long seq) {
        this.verifiedSeq = seq;
    }

    /** How many keys commands changed after the verified seq, at the last look; null before the first. */
    public Long changedKeys() {
        return changedKeys;
    }

    public void changedKeys(Long count) {
        this.changedKeys = count;
    }

    /** Where a replay backfill started: 0, or the target's savepoint (its checkpoint when captured). */
    public Long backfillFrom() {
        return backfillFrom;
    }

    public void backfillFrom(Long seq) {
        this.backfillFrom = seq;
    }

    /** The timeline's next event, if the phase or the freeze window changed since it was last recorded. */
    java.util.Optional<MigrationEvent> unrecorded() {
        boolean freeze = freezeWindowMillis != null && !freezeWindowMillis.equals(recordedFreeze);
        if (phase == recordedPhase && !freeze) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new MigrationEvent(updatedAt, phase.name(), freeze ? freezeWindowMillis : null, message));
    }

    /**
     * Whether the unrecorded event only adds a freeze window to the phase last recorded (a cut-over records its phase
     * with the roles, then its measured window): it completes that event rather than adding one.
     */
    boolean unrecordedCompletesLast() {
        return phase == recordedPhase;
    }

    /** The current phase and freeze window are on the timeline (saved, or read back from it). */
    void recorded() {
        recordedPhase = phase;
        recordedFreeze = freezeWindowMillis;
    }

    public Long freezeWindowMillis() {
        return freezeWindowMillis;
    }

    public void freezeWindowMillis(Long millis) {
        this.freezeWindowMillis = millis;
    }

    public String message() {
        return message;
    }

    public void message(String message) {
        this.message = message;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public void updatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    @Override
    public String toString() {
        return "migration '" + id() + "' (" + definition.plan().from() + " -> " + definition.plan().to() + ", " + phase + ")";
    }
}
