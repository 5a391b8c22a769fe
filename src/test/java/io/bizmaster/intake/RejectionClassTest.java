package io.bizmaster.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.command.CommandCatalog;
import io.bizmaster.command.CommandParser;
import io.bizmaster.command.ParseResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each kind of bad input, through the real parser (the catalogue in commands/), lands in the class an operator would
 * look for, and never in OTHER: a reason the parser learns to say differently fails here, not in a dashboard.
 */
class RejectionClassTest {

    private static final CommandParser PARSER = new CommandParser(new CommandCatalog(Path.of("commands/catalog.yaml")), 1_000);

    private static String reason(byte[] body) {
        ParseResult result = PARSER.parse(body);
        assertThat(result).as(new String(body, StandardCharsets.UTF_8)).isInstanceOf(ParseResult.Rejected.class);
        return ((ParseResult.Rejected) result).reason();
    }

    private static String reason(String json) {
        return reason(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyReasonTheParserGivesHasItsClass() {
        Map<String, RejectionClass> cases = new LinkedHashMap<>();
        cases.put(reason("{\"id\":\"a\",\"type\":\"customer.renamed\",\"key\":\"k\",\"payload\":{\"name\":\"" + "x".repeat(1_100)
                + "\"}}"), RejectionClass.OVERSIZED);
        cases.put(reason(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}), RejectionClass.ENCODING);
        cases.put(reason("{\"id\":\"a\uFFFD\"}"), RejectionClass.ENCODING);
        cases.put(reason(""), RejectionClass.EMPTY);
        cases.put(reason("  \n "), RejectionClass.EMPTY);
        cases.put(reason("{\"id\":\"a\","), RejectionClass.MALFORMED);
        cases.put(reason("[1, 2]"), RejectionClass.MALFORMED);
        cases.put(reason("{\"id\":\"a\",\"id\":\"b\"}"), RejectionClass.MALFORMED);
        cases.put(reason("{\"id\":\"a\"} trailing"), RejectionClass.MALFORMED);
        cases.put(reason("{\"a\":".repeat(40) + "1" + "}".repeat(40)), RejectionClass.MALFORMED);
        cases.put(reason("{\"id\":\"a\",\"type\":\"customer.exploded\",\"key\":\"k\",\"payload\":{}}"), RejectionClass.UNKNOWN_TYPE);
        cases.put(reason("{\"type\":\"customer.exploded\",\"key\":\"k\",\"payload\":{}}"), RejectionClass.UNKNOWN_TYPE);
        cases.put(reason("{\"id\":\"a\",\"type\":\"Not A Type\",\"key\":\"k\",\"payload\":{}}"), RejectionClass.UNKNOWN_TYPE);
        cases.put(reason("{\"id\":\"a\",\"type\":\"customer.renamed\",\"key\":\"k\",\"payload\":{}}"), RejectionClass.INVALID_FIELD);
        cases.put(reason("{\"id\":\"a\",\"type\":\"customer.credited\",\"key\":\"k\",\"payload\":{\"amount\":\"ten\"}}"),
                RejectionClass.INVALID_FIELD);
        cases.put(reason("{\"type\":\"customer.renamed\",\"key\":\"k\",\"payload\":{\"name\":\"n\"}}"), RejectionClass.INVALID_FIELD);
        cases.put(reason("{\"id\":\"a\",\"type\":\"customer.renamed\",\"key\":\"k\",\"payload\":{\"name\":\"nul\\u0000\"}}"),
                RejectionClass.INVALID_FIELD);
        cases.put(reason("{\"id\":\"a\",\"type\":\"customer.renamed\",\"key\":\"k\",\"payload\":{\"name\":\"n\"},\"extra\":1}"),
                RejectionClass.INVALID_FIELD);
        cases.forEach((reason, expected) -> assertThat(RejectionClass.of(reason)).as(reason).isEqualTo(expected));
    }

    /** The reasons logged by the jms-batch consumer and the command log, in the words they use. */
    @Test
    void theReasonsOfTheBrokerAndTheLogHaveTheirClass() {
        assertThat(RejectionClass.of("command is 140,281 bytes, over the 65,536-byte limit (not read)"))
                .isEqualTo(RejectionClass.OVERSIZED);
        assertThat(RejectionClass.of("the message is a JMS MapMessage, which BizMaster does not read; post the command as "
                + "JSON in a text or bytes message")).isEqualTo(RejectionClass.MESSAGE_TYPE);
        assertThat(RejectionClass.of("the message body cannot be read: jakarta.jms.JMSException: gone"))
                .isEqualTo(RejectionClass.UNREADABLE);
        assertThat(RejectionClass.of("id 'o-1' already used at seq 4 by a different command (payload differs); a new command "
                + "needs a new id")).isEqualTo(RejectionClass.ID_REUSED);
        assertThat(RejectionClass.of("the command log cannot hold this message as received: value too long; its id, type, key "
                + "and body are not kept")).isEqualTo(RejectionClass.LOG_REFUSED);
        assertThat(RejectionClass.of(null)).isEqualTo(RejectionClass.OTHER);
        assertThat(RejectionClass.of("something nobody says")).isEqualTo(RejectionClass.OTHER);
    }

    @Test
    void theTagIsTheClassInLowercaseWithDashes() {
        assertThat(RejectionClass.UNKNOWN_TYPE.tag()).isEqualTo("unknown-type");
        assertThat(RejectionClass.ID_REUSED.tag()).isEqualTo("id-reused");
        assertThat(RejectionClass.OVERSIZED.tag()).isEqualTo("oversized");
    }
}
