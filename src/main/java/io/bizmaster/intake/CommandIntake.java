package io.bizmaster.intake;

import io.bizmaster.command.Command;
import io.bizmaster.command.CommandParser;
import io.bizmaster.command.ParseResult;
import io.bizmaster.log.Appended;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.CommandStatus;
import io.bizmaster.log.LogEntry;
import io.bizmaster.log.NewEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake route's one step: validate a message, append it to the command log (accepted or rejected),
 * and turn it into the feed message every store's queue receives. Runs inside the intake's JMS
 * transaction, so the message is acknowledged only after its log entry is committed.
 */
public class CommandIntake {

    /** Headers of a feed message. */
    public static final String SEQ = "BizSeq";
    public static final String COMMAND_ID = "BizCommandId";
    public static final String STATUS = "BizStatus";
    public static final String DUPLICATE = "BizDuplicate";

    private static final Logger LOG = LoggerFactory.getLogger(CommandIntake.class);
    private static final int FIELD_LIMIT = 200;
    private static final int REJECTED_BODY_LIMIT = 65_536;

    private final CommandParser parser;
    private final CommandLog log;

    public CommandIntake(CommandParser parser, CommandLog log) {
        this.parser = parser;
        this.log = log;
    }

    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        byte[] body = message.getBody(byte[].class);
        String messageId = message.getHeader("JMSMessageID", String.class);
        NewEntry entry = toEntry(parser.parse(body == null ? new byte[0] : body), body, messageId);
        Appended appended = log.append(entry);
        LogEntry logged = appended.entry();
        if (appended.duplicate()) {
            LOG.info("Command {} is already in the log at seq {} ({}); nothing new is logged", logged.commandId(),
                    logged.seq(), logged.status());
        } else if (logged.status() == CommandStatus.REJECTED) {
            LOG.warn("Command {} rejected at seq {}: {}", logged.commandId(), logged.seq(), logged.reason());
        }
        message.setHeader(SEQ, logged.seq());
        message.setHeader(COMMAND_ID, logged.commandId());
        message.setHeader(STATUS, logged.status().name());
        message.setHeader(DUPLICATE, appended.duplicate());
        if (logged.key() != null) {
            message.setHeader("JMSXGroupID", logged.key());
        }
        // Stores read commands from the log; the feed carries the command for anyone browsing a store's queue.
        message.setBody(logged.accepted() ? logged.body() : "");
    }

    private static NewEntry toEntry(ParseResult result, byte[] raw, String messageId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (result instanceof ParseResult.Accepted accepted) {
            Command c = accepted.command();
            return NewEntry.accepted(c.id(), messageId, c.type(), c.key(), c.source(),
                    c.issuedAt() == null ? now : c.issuedAt(), new String(raw, StandardCharsets.UTF_8));
        }
        ParseResult.Rejected rejected = (ParseResult.Rejected) result;
        String text = raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
        return new NewEntry(safe(rejected.id(), FIELD_LIMIT), messageId, safe(rejected.type(), FIELD_LIMIT),
                safe(rejected.key(), FIELD_LIMIT), safe(rejected.source(), 100), null,
                CommandStatus.REJECTED, safe(rejected.reason(), 4000), safe(text, REJECTED_BODY_LIMIT));
    }

    /** Rejected input is stored as evidence, but must fit the log and never carry a NUL (PostgreSQL refuses it). */
    static String safe(String value, int limit) {
        if (value == null) {
            return null;
        }
        String clean = value.replace("\u0000", "\\u0000");
        return clean.length() <= limit ? clean : clean.substring(0, limit - 1) + "…";
    }
}
