package io.bizmaster.replay;

import java.time.Instant;

/** A store's replay as persisted by {@link ReplayRepository}; changed only by the replay that owns it. */
final class Replay {

    private final String store;
    private final long from;
    private final boolean resetCheckpoint;
    private final long upTo;
    private final boolean resumeAfter;
    private final Instant startedAt;
    private ReplayPhase phase;
    private long reached;
    private String message;
    private Instant updatedAt;

    Replay(String store, long from, boolean resetCheckpoint, long upTo, boolean resumeAfter, ReplayPhase phase, long reached,
           Instant startedAt) {
        this.store = store;
        this.from = from;
        this.resetCheckpoint = resetCheckpoint;
        this.upTo = upTo;
        this.resumeAfter = resumeAfter;
        this.phase = phase;
        this.reached = reached;
        this.startedAt = startedAt;
        this.updatedAt = startedAt;
    }

    String store() {
        return store;
    }

    /** The savepoint: the store's data is as of this seq when the replay starts (0: emptied). */
    long from() {
        return from;
    }

    boolean resetCheckpoint() {
        return resetCheckpoint;
    }

    /** The log head when it started: the replay applies from+1..upTo, the store's route the rest. */
    long upTo() {
        return upTo;
    }

    boolean resumeAfter() {
        return resumeAfter;
    }

    ReplayPhase phase() {
        return phase;
    }

    void phase(ReplayPhase phase) {
        this.phase = phase;
    }

    /** The store's checkpoint as last recorded. */
    long reached() {
        return reached;
    }

    void reached(long reached) {
        this.reached = reached;
    }

    String message() {
        return message;
    }

    void message(String message) {
        this.message = message;
    }

    Instant startedAt() {
        return startedAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    void updatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    @Override
    public String toString() {
        return "replay of store '" + store + "' from seq " + from + " to " + upTo + " (" + phase + ")";
    }
}
