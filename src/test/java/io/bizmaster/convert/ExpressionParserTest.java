package io.bizmaster.convert;

import static io.bizmaster.convert.TestCommands.cmd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bizmaster.command.SequencedCommand;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ExpressionParserTest {

    private static final SequencedCommand COMMAND = cmd(42, "customer.registered", "c-1", """
            {`name`: `Mary Ann Smith`, `email`: `Mary@Example.COM`, `points`: 7, `total`: 12.30, `big`: 123456789012345678901234567890,
             `active`: true, `nothing`: null, `when`: `2024-01-02T03:04:05.678Z`, `padded`: `  x  `,
             `address`: {`street`: `Main St 1`, `zip`: `12345`, `city`: `Springfield`}, `tags`: [`a`, `b`]}""");

    private static Object eval(String expression) {
        return ExpressionParser.parse(expression).evaluate(COMMAND);
    }

    @Test
    void referencesTheCommand() {
        assertThat(eval("key")).isEqualTo("c-1");
        assertThat(eval("id")).isEqualTo("cmd-42");
        assertThat(eval("type")).isEqualTo("customer.registered");
        assertThat(eval("source")).isEqualTo("test-app");
        assertThat(eval("seq")).isEqualTo(42L);
        assertThat(eval("issuedAt")).isEqualTo(TestCommands.issuedAt(42));
    }

    @Test
    void readsPayloadFieldsAsBindableValues() {
        assertThat(eval("payload.name")).isEqualTo("Mary Ann Smith");
        assertThat(eval("payload.address.city")).isEqualTo("Springfield");
        assertThat(eval("payload.points")).isEqualTo(7L);
        assertThat(eval("payload.total")).isEqualTo(new BigDecimal("12.3"));
        assertThat(eval("payload.big")).isEqualTo(new BigDecimal("123456789012345678901234567890"));
        assertThat(eval("payload.active")).isEqualTo(true);
        assertThat(eval("payload.tags.1")).isEqualTo("b");
        assertThat(eval("payload.address")).isInstanceOf(JsonNode.class);
        assertThat(eval(" payload.name ")).isEqualTo("Mary Ann Smith");
    }

    @Test
    void exactDecimalsStayExact() {
        SequencedCommand exact = cmd(TestCommands.EXACT_JSON, 1, "t", "k", "{`total`: 12.30}");
        assertThat(ExpressionParser.parse("payload.total").evaluate(exact)).isEqualTo(new BigDecimal("12.30"));
        assertThat(ExpressionParser.parse("decimal(payload.total)").evaluate(exact)).isEqualTo(new BigDecimal("12.30"));
    }

    @Test
    void missingFieldsAreNull() {
        assertThat(eval("payload.nothing")).isNull();
        assertThat(eval("payload.absent")).isNull();
        assertThat(eval("payload.absent.deeper")).isNull();
        assertThat(eval("payload.name.first")).isNull();
        assertThat(eval("payload.tags.5")).isNull();
        SequencedCommand noPayload = new SequencedCommand(1, new io.bizmaster.command.Command("i", "t", "k", null, "s", Instant.EPOCH));
        assertThat(ExpressionParser.parse("payload.name").evaluate(noPayload)).isNull();
    }

    @Test
    void literals() {
        assertThat(eval("'PLACED'")).isEqualTo("PLACED");
        assertThat(eval("'it''s'")).isEqualTo("it's");
        assertThat(eval("''")).isEqualTo("");
        assertThat(eval("12")).isEqualTo(12L);
        assertThat(eval("-3")).isEqualTo(-3L);
        assertThat(eval("12.30")).isEqualTo(new BigDecimal("12.30"));
        assertThat(eval("1e3")).isEqualTo(new BigDecimal("1e3"));
        assertThat(eval("99999999999999999999")).isEqualTo(new BigDecimal("99999999999999999999"));
        assertThat(eval("true")).isEqualTo(true);
        assertThat(eval("FALSE")).isEqualTo(false);
        assertThat(eval("null")).isNull();
        assertThat(eval("~")).isNull();
        assertThat(eval("")).isNull();
    }

    @Test
    void concatTreatsNullsAsEmpty() {
        assertThat(eval("concat(payload.address.street, ', ', payload.address.zip, ' ', payload.address.city)"))
                .isEqualTo("Main St 1, 12345 Springfield");
        assertThat(eval("concat(payload.absent, '-', seq, '-', payload.total)")).isEqualTo("-42-12.3");
        assertThat(eval("concat(payload.absent)")).isEqualTo("");
    }

    @Test
    void splitAtTheFirstSeparator() {
        assertThat(eval("split(payload.name, ' ', 0)")).isEqualTo("Mary");
        assertThat(eval("split(payload.name, ' ', 1)")).isEqualTo("Ann Smith");
        assertThat(eval("split('Cher', ' ', 0)")).isEqualTo("Cher");
        assertThat(eval("split('Cher', ' ', 1)")).isNull();
        assertThat(eval("split('a::b::c', '::', 1)")).isEqualTo("b::c");
        assertThat(eval("split(payload.absent, ' ', 0)")).isNull();
        assertThat(eval("split('trailing ', ' ', 1)")).isEqualTo("");
    }

    @Test
    void textFunctionsAndCasts() {
        assertThat(eval("lower(payload.email)")).isEqualTo("mary@example.com");
        assertThat(eval("upper(payload.email)")).isEqualTo("MARY@EXAMPLE.COM");
        assertThat(eval("trim(payload.padded)")).isEqualTo("x");
        assertThat(eval("lower(payload.absent)")).isNull();
        assertThat(eval("string(payload.points)")).isEqualTo("7");
        assertThat(eval("string(payload.address)")).isEqualTo("{\"street\":\"Main St 1\",\"zip\":\"12345\",\"city\":\"Springfield\"}");
        assertThat(eval("int(payload.address.zip)")).isEqualTo(12345L);
        assertThat(eval("int('  -5 ')")).isEqualTo(-5L);
        assertThat(eval("decimal(payload.points)")).isEqualTo(new BigDecimal("7"));
        assertThat(eval("decimal('12.30')")).isEqualTo(new BigDecimal("12.30"));
        assertThat(eval("timestamp(issuedAt)")).isEqualTo(Timestamp.from(TestCommands.issuedAt(42)));
        assertThat(eval("timestamp(payload.when)")).isEqualTo(Timestamp.from(Instant.parse("2024-01-02T03:04:05.678Z")));
        assertThat(eval("timestamp('2024-01-02T05:04:05+02:00')")).isEqualTo(Timestamp.from(Instant.parse("2024-01-02T03:04:05Z")));
        assertThat(eval("timestamp('2024-01-02T03:04:05')")).isEqualTo(Timestamp.from(Instant.parse("2024-01-02T03:04:05Z")));
        assertThat(eval("int(payload.absent)")).isNull();
        assertThat(eval("coalesce(payload.absent, payload.nothing, 'fallback', 'unused')")).isEqualTo("fallback");
        assertThat(eval("coalesce(payload.absent)")).isNull();
        assertThat(eval("upper( split( trim(payload.name), ' ' , 0 ) )")).isEqualTo("MARY");
    }

    @Test
    void castFailuresAreConversionErrorsAtEvaluation() {
        assertThatThrownBy(() -> eval("int(payload.name)")).isInstanceOf(ConversionException.class).hasMessageContaining("integer");
        assertThatThrownBy(() -> eval("int(payload.total)")).isInstanceOf(ConversionException.class).hasMessageContaining("whole number");
        assertThatThrownBy(() -> eval("decimal(payload.active)")).isInstanceOf(ConversionException.class).hasMessageContaining("decimal");
        assertThatThrownBy(() -> eval("timestamp(payload.name)")).isInstanceOf(ConversionException.class).hasMessageContaining("ISO-8601");
        // The value itself (possibly personal data) stays out of the message.
        assertThatThrownBy(() -> eval("int(payload.name)")).hasMessageNotContaining("Mary");
    }

    @Test
    void typosFailAtParseTimeSayingWhatWasExpected() {
        assertThatThrownBy(() -> ExpressionParser.parse("paylod.name"))
                .isInstanceOf(ExpressionParser.SyntaxError.class)
                .hasMessageContaining("unknown name 'paylod.name'")
                .hasMessageContaining("did you mean payload.name?")
                .hasMessageContaining("expected key, id, type");
        assertThatThrownBy(() -> ExpressionParser.parse("PLACED")).hasMessageContaining("text must be quoted: 'PLACED'");
        assertThatThrownBy(() -> ExpressionParser.parse("key.x")).hasMessageContaining("'key' has no fields");
        assertThatThrownBy(() -> ExpressionParser.parse("Payload.name")).hasMessageContaining("did you mean payload.name?");
        assertThatThrownBy(() -> ExpressionParser.parse("payload..name")).hasMessageContaining("empty field name");
        assertThatThrownBy(() -> ExpressionParser.parse("payload.")).hasMessageContaining("empty field name");
    }

    @Test
    void malformedCallsAndLiteralsFailAtParseTime() {
        assertThatThrownBy(() -> ExpressionParser.parse("concatt(key, id)")).hasMessageContaining("unknown function 'concatt'")
                .hasMessageContaining("concat, split");
        assertThatThrownBy(() -> ExpressionParser.parse("lower(key, id)")).hasMessageContaining("lower takes 1 argument, got 2");
        assertThatThrownBy(() -> ExpressionParser.parse("concat()")).hasMessageContaining("at least 1 argument");
        assertThatThrownBy(() -> ExpressionParser.parse("split(payload.name, payload.sep, 0)")).hasMessageContaining("quoted separator");
        assertThatThrownBy(() -> ExpressionParser.parse("split(payload.name, '', 0)")).hasMessageContaining("quoted separator");
        assertThatThrownBy(() -> ExpressionParser.parse("split(payload.name, ' ', 2)")).hasMessageContaining("0 (before the separator) or 1");
        assertThatThrownBy(() -> ExpressionParser.parse("split(payload.name, ' ')")).hasMessageContaining("split takes 3 arguments");
        assertThatThrownBy(() -> ExpressionParser.parse("concat(key, id")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> ExpressionParser.parse("concat(key id)")).hasMessageContaining("unexpected 'i'").hasMessageContaining("',' or ')'");
        assertThatThrownBy(() -> ExpressionParser.parse("'open")).hasMessageContaining("quoted string is not closed");
        assertThatThrownBy(() -> ExpressionParser.parse("payload.name payload.email")).hasMessageContaining("unexpected 'p' at position 14");
        assertThatThrownBy(() -> ExpressionParser.parse("12abc")).hasMessageContaining("is not a number");
        assertThatThrownBy(() -> ExpressionParser.parse("1.2.3")).hasMessageContaining("is not a number");
        assertThatThrownBy(() -> ExpressionParser.parse("key; DROP TABLE x")).hasMessageContaining("unexpected ';'");
    }
}
