package io.bizmaster.log;

import java.time.Instant;

/** What the intake asks the log to append. Fields the intake could not read are null. */
public record NewEntry(
        String commandId,
        String messageId,
        String type,
        String key,
        String source,
        Instant issuedAt,
        CommandStatus status,
        String reason,
        String body) {

    /** A message rejected before anything of it could be read, or kept: only the broker's id and the reason. */
    public static NewEntry rejected(String messageId, String reason) {
        return new NewEntry(null, messageId, null, null, null, null, CommandStatus.REJECTED, reason, null);
    }

    public static NewEntry accepted(String commandId, String messageId, String type, String key, String source,
                                    Instant issuedAt, String body) {
        return new NewEntry(commandId, messageId, type, key, source, issuedAt, CommandStatus.ACCEPTED, null, body);
    }
}
