package io.bizmaster.log;

import java.time.Instant;

/** One row of the command log. {@code body} is the command's JSON as received (truncated if oversized). */
public record LogEntry(
        long seq,
        String commandId,
        String type,
        String key,
        String source,
        Instant issuedAt,
        Instant receivedAt,
        CommandStatus status,
        String reason,
        String body) {

    public boolean accepted() {
        return status == CommandStatus.ACCEPTED;
    }
}
