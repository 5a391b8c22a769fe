package io.bizmaster.convert;

import io.bizmaster.command.Command;
import io.bizmaster.command.SequencedCommand;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Commands as the command log would hand them over: payloads parsed by Jackson. */
final class TestCommands {

    /** Like Spring Boot's default mapper: fractional numbers become doubles. */
    static final ObjectMapper JSON = new ObjectMapper();
    /** A mapper configured for exact decimals, trailing zeros included. Stores must end up the same with both. */
    static final ObjectMapper EXACT_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    static final Instant T0 = Instant.parse("2024-05-01T10:15:30.123Z");

    private TestCommands() {
    }

    static SequencedCommand cmd(long seq, String type, String key, String payloadJson) {
        return cmd(JSON, seq, type, key, payloadJson);
    }

    static SequencedCommand cmd(ObjectMapper mapper, long seq, String type, String key, String payloadJson) {
        try {
            ObjectNode payload = (ObjectNode) mapper.readTree(payloadJson.replace('`', '"'));
            return new SequencedCommand(seq, new Command("cmd-" + seq, type, key, payload, "test-app", issuedAt(seq)));
        } catch (JacksonException e) {
            throw new IllegalArgumentException(payloadJson, e);
        }
    }

    static Instant issuedAt(long seq) {
        return T0.plusSeconds(seq * 60);
    }
}
