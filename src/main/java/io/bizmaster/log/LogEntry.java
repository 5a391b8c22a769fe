package io.bizmaster.log;

import java.time.Instant;

/**
 * One row of the command log. {@code body} is the command's JSON as received (truncated if oversized); {@code domain}
 * the command domain it was logged in (null: the default domain) and {@code domainSeq} its number there (null in the
 * default domain, whose numbering is {@code seq}).
 */
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
        String body,
        String domain,
        Long domainSeq) {

    /** An entry of the default domain, as every entry was before domains. */
    public LogEntry(long seq, String commandId, String type, String key, String source, Instant issuedAt,
                    Instant receivedAt, CommandStatus status, String reason, String body) {
        this(seq, commandId, type, key, source, issuedAt, receivedAt, status, reason, body, null, null);
    }

    public boolean accepted() {
        return status == CommandStatus.ACCEPTED;
    }

    /** What a store's batch shows for an entry not for that store: its seq, nothing of the command. */
    public static LogEntry withheld(long seq) {
        return new LogEntry(seq, null, null, null, null, null, null, CommandStatus.WITHHELD, null, null, null, null);
    }

    /** The same entry with another body (a publication's projection of it). */
    public LogEntry withBody(String projected) {
        return new LogEntry(seq, commandId, type, key, source, issuedAt, receivedAt, status, null, projected, domain,
                domainSeq);
    }
}
