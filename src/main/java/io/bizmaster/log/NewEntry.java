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

    public static NewEntry accepted(String commandId, String messageId, String type, String key, String source,
                                    Instant issuedAt, String body) {
        return new NewEntry(commandId, messageId, type, key, source, issuedAt, CommandStatus.ACCEPTED, null, body);
    }
}
