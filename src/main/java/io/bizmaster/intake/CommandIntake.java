package io.bizmaster.intake;

import io.bizmaster.broker.batch.ReceivedMessage;
import io.bizmaster.command.Command;
import io.bizmaster.command.CommandParser;
import io.bizmaster.domain.Domain;
import io.bizmaster.domain.Domains;
import io.bizmaster.command.ParseResult;
import io.bizmaster.log.Appended;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.CommandStatus;
import io.bizmaster.log.LogEntry;
import io.bizmaster.log.LogUnavailableException;
import io.bizmaster.log.NewEntry;
import io.bizmaster.store.jdbc.SqlFailures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake route's one step: validate each message of a batch, append them all to the command log
 * (accepted or rejected) in one transaction, and turn the batch into the feed message every store's queue
 * receives. Runs inside the batch's JMS transaction, so no message is acknowledged before its log entry
 * is committed.
 */
public class CommandIntake {

    /** Headers of a feed message: the highest sequence number logged, and what the batch held. */
    public static final String SEQ = "BizSeq";
    public static final String COUNT = "BizCount";
    public static final String REJECTED = "BizRejected";
    public static final String DUPLICATES = "BizDuplicates";

    private static final Logger LOG = LoggerFactory.getLogger(CommandIntake.class);
    private static final int FIELD_LIMIT = 200;
    private static final int REJECTED_BODY_LIMIT = 65_536;

    /** Set by a domain's intake route (routes/domain-intake.camel.yaml); absent: the default domain. */
    public static final String DOMAIN = "BizDomain";

    private final Domains domains;
    private final CommandLog log;
    private final IntakeMetrics metrics;

    public CommandIntake(Domains domains, CommandLog log, IntakeMetrics metrics) {
        this.domains = domains;
        this.log = log;
        this.metrics = metrics;
    }

    /**
     * Logs a batch of received messages in one transaction and turns the exchange into the feed message:
     * "the log has reached seq N", N being the highest sequence number of the batch.
     */
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        @SuppressWarnings("unchecked")
        List<ReceivedMessage> received = message.getBody(List.class);
        String name = message.getHeader(DOMAIN, String.class);
        Domain domain = domains.get(name).orElseThrow(() -> new IllegalStateException("the intake route names domain '"
                + name + "', which bizmaster.domains does not declare"));
        CommandParser parser = domain.parser();
        List<NewEntry> entries = new ArrayList<>(received.size());
        for (ReceivedMessage m : received) {
            entries.add(m.refusal() != null ? refused(m) : toEntry(parser.parse(m.body()), m.body(), m.messageId()));
        }
        List<Appended> answers = append(domain.logged(), entries);
        long head = 0;
        int rejected = 0;
        int duplicates = 0;
        for (Appended appended : answers) {
            LogEntry logged = appended.entry();
            head = Math.max(head, logged.seq());
            if (appended.duplicate()) {
                duplicates++;
                LOG.info("Command {} is already in the log at seq {} ({}); nothing new is logged", logged.commandId(),
                        logged.seq(), logged.status());
            } else if (logged.status() == CommandStatus.REJECTED) {
                rejected++;
                LOG.warn("Command {} rejected at seq {}{}: {}", logged.commandId() == null ? "(no readable id)"
                        : logged.commandId(), logged.seq(), logged.domain() == null ? ""
                        : " (domain " + logged.domain() + " #" + logged.domainSeq() + ")", logged.reason());
            }
        }
        message.setHeader(SEQ, head);
        message.setHeader(COUNT, answers.size());
        message.setHeader(REJECTED, rejected);
        message.setHeader(DUPLICATES, duplicates);
        // Stores read the commands from the log: the feed message is only the news that the log moved.
        message.setBody("");
    }

    /**
     * The batch in one transaction; if the log refuses it for good (a value its columns cannot hold), one entry at a
     * time, and an entry the log cannot hold as received is logged as rejected, saying why: every message gets an
     * entry, and none can hold the queue behind it. A transient failure (the business store down) is thrown: the batch
     * rolls back and is taken again after a back-off. Counted in the metrics as each answer commits, so an entry
     * committed before a failure counts once (its redelivery is a duplicate).
     */
    private List<Appended> append(String domain, List<NewEntry> entries) {
        try {
            List<Appended> answers = log.appendAll(domain, entries);
            metrics.logged(answers);
            return answers;
        } catch (LogUnavailableException e) {
            if (!SqlFailures.permanent(e)) {
                throw e;
            }
            LOG.warn("The command log refused a batch of {} ({}); logging them one at a time", entries.size(),
                    SqlFailures.describe(e));
        }
        List<Appended> answers = new ArrayList<>(entries.size());
        for (NewEntry entry : entries) {
            Appended answer;
            try {
                answer = log.appendAll(domain, List.of(entry)).get(0);
            } catch (LogUnavailableException e) {
                if (!SqlFailures.permanent(e)) {
                    throw e;
                }
                answer = log.appendAll(domain, List.of(NewEntry.rejected(entry.messageId(), "the command log cannot hold "
                        + "this message as received: " + SqlFailures.describe(e) + "; its id, type, key and body are not "
                        + "kept"))).get(0);
            }
            metrics.logged(List.of(answer));
            answers.add(answer);
        }
        return answers;
    }

    private static NewEntry refused(ReceivedMessage m) {
        return NewEntry.rejected(m.messageId(), safe(m.refusal(), 4000));
    }

    private static NewEntry toEntry(ParseResult result, byte[] raw, String messageId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (result instanceof ParseResult.Accepted accepted) {
            Command c = accepted.command();
            return NewEntry.accepted(c.id(), messageId, c.type(), c.key(), c.source(),
                    // Kept to the microsecond, as every engine stores it, so the entry in memory equals the one in the log.
                    c.issuedAt() == null ? now : c.issuedAt().truncatedTo(ChronoUnit.MICROS), withoutBom(raw));
        }
        ParseResult.Rejected rejected = (ParseResult.Rejected) result;
        String text = raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
        return new NewEntry(safe(rejected.id(), FIELD_LIMIT), messageId, safe(rejected.type(), FIELD_LIMIT),
                safe(rejected.key(), FIELD_LIMIT), safe(rejected.source(), 100), null,
                CommandStatus.REJECTED, safe(rejected.reason(), 4000), safe(text, REJECTED_BODY_LIMIT));
    }

    /**
     * The body as the log keeps it: the parser tolerates a UTF-8 byte order mark, so the log (which every store reads
     * the command from again) keeps the text without it.
     */
    private static String withoutBom(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Rejected input is stored as evidence, but must fit the log and never carry a NUL (PostgreSQL refuses it). */
    static String safe(String value, int limit) {
        if (value == null) {
            return null;
        }
        String clean = value.replace("\u0000", "\\u0000");
        if (clean.length() <= limit) {
            return clean;
        }
        int end = limit - 1;
        if (Character.isHighSurrogate(clean.charAt(end - 1))) {
            end--; // never half a character: a lone surrogate would not survive the way into the log
        }
        return clean.substring(0, end) + "…";
    }
}
