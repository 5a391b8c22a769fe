package io.bizmaster.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bizmaster.command.Command;
import io.bizmaster.command.SequencedCommand;

/** Turns accepted log entries back into commands: the envelope from the log's columns, the payload from its body. */
public final class LoggedCommands {

    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    public SequencedCommand read(LogEntry entry) {
        if (!entry.accepted()) {
            throw new IllegalArgumentException("seq " + entry.seq() + " was rejected; only accepted commands are applied");
        }
        try {
            JsonNode payload = json.readTree(entry.body()).get("payload");
            Command command = new Command(entry.commandId(), entry.type(), entry.key(), (ObjectNode) payload,
                    entry.source(), entry.issuedAt());
            return new SequencedCommand(entry.seq(), command);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("command " + entry.commandId() + " at seq " + entry.seq()
                    + " has an unreadable body in the command log: " + e.getMessage(), e);
        }
    }
}
