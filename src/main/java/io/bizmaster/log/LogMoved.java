package io.bizmaster.log;

import java.time.Instant;

/**
 * The redirect a log move leaves in the business store it moved the command log away from: the log now
 * lives at {@code to}, from {@code seq} on. A start-up with the old configuration follows it.
 */
public record LogMoved(BusinessStoreLocation to, long seq, String migrationId, Instant movedAt) {

    public String describe() {
        return "the command log moved to " + to.display() + " at seq " + seq + " by migration " + migrationId
                + " (" + movedAt + ")";
    }
}
