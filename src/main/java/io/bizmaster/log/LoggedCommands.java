package io.bizmaster.log;

import io.bizmaster.command.Command;
import io.bizmaster.command.SequencedCommand;
import java.util.concurrent.atomic.AtomicReferenceArray;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns accepted log entries back into commands: the envelope from the log's columns, the payload from its body.
 *
 * <p>Every store applies every command, usually within milliseconds of the others, so the last commands read
 * are kept by sequence number and the second store gets the first one's: parsing the body was a sixth of
 * the apply threads' work and half their garbage. A seq always names the same command, so a kept one is
 * never stale; one further back than the ring is simply read again. Callers must not change the payload.
 */
public final class LoggedCommands {

    private static final int KEPT = 1024;

    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private final AtomicReferenceArray<SequencedCommand> recent = new AtomicReferenceArray<>(KEPT);

    public SequencedCommand read(LogEntry entry) {
        if (!entry.accepted()) {
            throw new IllegalArgumentException("seq " + entry.seq() + " was rejected; only accepted commands are applied");
        }
        int slot = (int) (entry.seq() & (KEPT - 1));
        SequencedCommand kept = recent.get(slot);
        if (kept != null && kept.seq() == entry.seq()) {
            return kept;
        }
        SequencedCommand command = parse(entry);
        recent.set(slot, command);
        return command;
    }

    /**
     * A command as a log entry's body would hold it: what a subscriber store's batch shows in place of the logged body
     * (only what it was handed over).
     */
    public String envelope(Command command) {
        ObjectNode body = json.createObjectNode();
        body.put("id", command.id());
        body.put("type", command.type());
        body.put("key", command.key());
        body.set("payload", command.payload());
        if (command.source() != null) {
            body.put("source", command.source());
        }
        if (command.issuedAt() != null) {
            body.put("issuedAt", command.issuedAt().toString());
        }
        return json.writeValueAsString(body);
    }

    private SequencedCommand parse(LogEntry entry) {
        try {
            JsonNode payload = json.readTree(entry.body()).get("payload");
            Command command = new Command(entry.commandId(), entry.type(), entry.key(), (ObjectNode) payload,
                    entry.source(), entry.issuedAt());
            return new SequencedCommand(entry.seq(), command);
        } catch (JacksonException | ClassCastException e) {
            throw new IllegalStateException("command " + entry.commandId() + " at seq " + entry.seq()
                    + " has an unreadable body in the command log: " + e.getMessage(), e);
        }
    }
}
