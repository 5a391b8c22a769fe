package io.bizmaster.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class CommandParserTest {

    static final CommandCatalog CATALOG = new CommandCatalog(Path.of("commands/catalog.yaml"));
    static final CommandParser PARSER = new CommandParser(CATALOG, 65_536);
    static final ObjectMapper MAPPER = new ObjectMapper();

    static final String KNOWN = "customer.credited, customer.moved, customer.registered, customer.renamed, "
            + "order.cancelled, order.placed";

    // ---- helpers --------------------------------------------------------------------------------

    /** JSON written with ' for " to keep the tests readable. */
    static String q(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static ParseResult parse(String json) {
        return PARSER.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    static ParseResult parseQ(String singleQuoted) {
        return parse(q(singleQuoted));
    }

    static Command accepted(ParseResult r) {
        assertThat(r).isInstanceOf(ParseResult.Accepted.class);
        return ((ParseResult.Accepted) r).command();
    }

    static ParseResult.Rejected rejected(ParseResult r) {
        assertThat(r).isInstanceOf(ParseResult.Rejected.class);
        return (ParseResult.Rejected) r;
    }

    static String reason(ParseResult r) {
        return rejected(r).reason();
    }

    /** A command body built with Jackson, so any string is correctly escaped. */
    static byte[] command(String type, Object payload, Map<String, Object> extraEnvelope) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", "cmd-1");
        envelope.put("type", type);
        envelope.put("key", "k-1");
        envelope.put("payload", payload);
        envelope.putAll(extraEnvelope);
        try {
            return MAPPER.writeValueAsBytes(envelope);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static ParseResult parseCommand(String type, Object payload) {
        return PARSER.parse(command(type, payload, Map.of()));
    }

    static Map<String, Object> address() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("street", "Main Street 1");
        a.put("zip", "8000");
        a.put("city", "Zürich");
        return a;
    }

    static String credited(String payload) {
        return q("{'id':'c-1','type':'customer.credited','key':'cust-1','payload':") + payload + "}";
    }

    // ---- valid commands -------------------------------------------------------------------------

    @Nested
    class ValidCommands {

        @Test
        void customerRegistered() {
            Command c = accepted(parse(q("{'id':'cmd-1','type':'customer.registered','key':'cust-1','payload':"
                    + "{'name':'Ada Lovelace','email':'ada@example.org','address':{'street':'Main Street 1','zip':'8000','city':'Zürich'}},"
                    + "'source':'crm','issuedAt':'2026-11-23T10:15:30Z'}")));
            assertThat(c.id()).isEqualTo("cmd-1");
            assertThat(c.type()).isEqualTo("customer.registered");
            assertThat(c.key()).isEqualTo("cust-1");
            assertThat(c.source()).isEqualTo("crm");
            assertThat(c.issuedAt()).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
            assertThat(c.payload().get("name").stringValue()).isEqualTo("Ada Lovelace");
            assertThat(c.payload().get("email").stringValue()).isEqualTo("ada@example.org");
            assertThat(c.payload().at("/address/street").stringValue()).isEqualTo("Main Street 1");
            assertThat(c.payload().at("/address/zip").stringValue()).isEqualTo("8000");
            assertThat(c.payload().at("/address/city").stringValue()).isEqualTo("Zürich");
        }

        @Test
        void customerRegisteredWithoutOptionalEmailOrWithNullEmail() {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("name", "Ada");
            payload.put("address", address());
            assertThat(accepted(parseCommand("customer.registered", payload)).payload().has("email")).isFalse();
            payload.put("email", null);
            assertThat(accepted(parseCommand("customer.registered", payload)).payload().get("email").isNull()).isTrue();
        }

        @Test
        void customerRenamed() {
            Command c = accepted(parseQ("{'id':'r-1','type':'customer.renamed','key':'cust-1','payload':{'name':'Ada King'}}"));
            assertThat(c.payload().get("name").stringValue()).isEqualTo("Ada King");
            assertThat(c.source()).isNull();
            assertThat(c.issuedAt()).isNull();
        }

        @Test
        void customerMoved() {
            Command c = accepted(parseCommand("customer.moved", Map.of("address", address())));
            assertThat(c.payload().at("/address/city").stringValue()).isEqualTo("Zürich");
        }

        @Test
        void customerCredited() {
            assertThat(accepted(parse(credited("{\"amount\":1}"))).payload().get("amount").longValue()).isEqualTo(1);
            Command c = accepted(parse(credited("{\"amount\":1000000}")));
            assertThat(c.payload().get("amount").isIntegralNumber()).isTrue();
            assertThat(c.payload().get("amount").intValue()).isEqualTo(1_000_000);
        }

        @Test
        void orderPlacedKeepsTheDecimalScale() {
            Command c = accepted(parseQ("{'id':'o-1','type':'order.placed','key':'order-1','payload':{'customerId':'cust-1','total':12.30}}"));
            assertThat(c.payload().get("customerId").stringValue()).isEqualTo("cust-1");
            JsonNode total = c.payload().get("total");
            assertThat(total.isBigDecimal()).isTrue();
            assertThat(total.decimalValue()).isEqualTo(new BigDecimal("12.30")); // equals() compares the scale too
            assertThat(total.decimalValue().scale()).isEqualTo(2);
        }

        @Test
        void orderPlacedWithIntegralAndZeroTotals() {
            assertThat(accepted(parseQ("{'id':'o-1','type':'order.placed','key':'o','payload':{'customerId':'c','total':0}}"))
                    .payload().get("total").decimalValue()).isEqualByComparingTo("0");
            assertThat(accepted(parseQ("{'id':'o-1','type':'order.placed','key':'o','payload':{'customerId':'c','total':12.300}}"))
                    .payload().get("total").decimalValue()).isEqualTo(new BigDecimal("12.300"));
            assertThat(accepted(parseQ("{'id':'o-1','type':'order.placed','key':'o','payload':{'customerId':'c','total':1000000000}}"))
                    .payload().get("total").decimalValue()).isEqualByComparingTo("1000000000");
        }

        @Test
        void orderCancelledWithAndWithoutReason() {
            assertThat(accepted(parseQ("{'id':'x-1','type':'order.cancelled','key':'order-1','payload':{}}")).payload().size())
                    .isZero();
            assertThat(accepted(parseQ("{'id':'x-1','type':'order.cancelled','key':'order-1','payload':{'reason':'changed my mind'}}"))
                    .payload().get("reason").stringValue()).isEqualTo("changed my mind");
        }

        @Test
        void issuedAtWithOffsetAndFraction() {
            Command c = accepted(parseQ("{'id':'x','type':'order.cancelled','key':'o','payload':{},'issuedAt':'2026-11-23T11:15:30.123+01:00'}"));
            assertThat(c.issuedAt()).isEqualTo(Instant.parse("2026-11-23T10:15:30.123Z"));
        }

        @Test
        void nullOptionalEnvelopeFieldsCountAsAbsent() {
            Command c = accepted(parseQ("{'id':'x','type':'order.cancelled','key':'o','payload':{},'source':null,'issuedAt':null}"));
            assertThat(c.source()).isNull();
            assertThat(c.issuedAt()).isNull();
        }

        @Test
        void leadingByteOrderMarkAndSurroundingWhitespaceAreTolerated() {
            accepted(parse("\uFEFF \n" + q("{'id':'x','type':'order.cancelled','key':'o','payload':{}}") + "\r\n\t "));
        }

        @Test
        void envelopeFieldsMayComeInAnyOrder() {
            accepted(parseQ("{'payload':{},'key':'o','issuedAt':'2026-01-01T00:00:00Z','type':'order.cancelled','source':'shop','id':'x'}"));
        }

        /** UTF-16 units, as H2 counts its VARCHAR(200): 200 emoji (400 units) used to pass here and wedge the intake there. */
        @Test
        void idOfExactly200Utf16UnitsCountingEmojiAsTwo() {
            String id = "😀".repeat(100);
            Command c = accepted(parse(q("{'id':'" + id + "','type':'order.cancelled','key':'k','payload':{}}")));
            assertThat(c.id()).isEqualTo(id);
            assertThat(reason(parse(q("{'id':'" + "😀".repeat(101) + "','type':'order.cancelled','key':'k','payload':{}}"))))
                    .isEqualTo("id: 202 UTF-16 units (a character outside the BMP, such as most emoji, counts as 2), over the "
                            + "maximum of 200");
        }

        /** The catalogue bounds the key per type to the stores' VARCHAR(64) key columns: 32 emoji fit, 33 do not. */
        @Test
        void keyOfTheTypesMaximumCountingEmojiAsTwo() {
            Command c = accepted(parse(q("{'id':'x','type':'order.cancelled','key':'" + "😀".repeat(32) + "','payload':{}}")));
            assertThat(c.key()).hasSize(64);
            assertThat(reason(parse(q("{'id':'x','type':'order.cancelled','key':'" + "😀".repeat(33) + "','payload':{}}"))))
                    .isEqualTo("key: 66 UTF-16 units (a character outside the BMP, such as most emoji, counts as 2), over the "
                            + "maximum of 64 for order.cancelled");
            assertThat(reason(parse(q("{'id':'x','type':'order.cancelled','key':'" + "k".repeat(65) + "','payload':{}}"))))
                    .isEqualTo("key: 65 characters, over the maximum of 64 for order.cancelled");
        }

        @Test
        void messageOfExactlyTheLimitIsAccepted() {
            String json = q("{'id':'x','type':'order.cancelled','key':'o','payload':{}}");
            byte[] body = (json + " ".repeat(65_536 - json.length())).getBytes(StandardCharsets.UTF_8);
            assertThat(body).hasSize(65_536);
            accepted(PARSER.parse(body));
        }
    }

    // ---- hostile but valid ----------------------------------------------------------------------

    @Nested
    class HostileButValidStrings {

        @ParameterizedTest
        @ValueSource(strings = {
                "Robert'); DROP TABLE customers;--",
                "' OR '1'='1",
                "<script>alert(\"pwned\")</script>",
                "<img src=x onerror=alert(1)>",
                "\"quoted\" and \\backslash\\ and `backticks` and ${jndi:ldap://x/a} and %s%n",
                "👩‍💻🎉🇨🇭 emoji",
                "张伟 / 山田太郎 / 김민준",
                "محمد عبد الله",
                "Дмитрий Шостакович",
                "देवनागरी",
                "abc\u202Edef (bidi override is just text in a payload)",
                "multi\nline\r\nwith\ttab",
                "   leading and trailing spaces   ",
                "\uFFFF non-character and \uFEFF zero width no-break space",
        })
        void acceptedVerbatim(String hostile) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("name", hostile);
            payload.put("address", Map.of("street", hostile, "zip", "8000", "city", hostile));
            Command c = accepted(PARSER.parse(command("customer.registered", payload, Map.of("source", "crm"))));
            assertThat(c.payload().get("name").stringValue()).isEqualTo(hostile);
            assertThat(c.payload().at("/address/street").stringValue()).isEqualTo(hostile);
            assertThat(c.payload().at("/address/city").stringValue()).isEqualTo(hostile);
        }

        @Test
        void hostileIdKeyAndSourceAcceptedVerbatim() {
            String id = "id'\"; DROP TABLE commands;-- <b>😀</b> 张";
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("id", id);
            envelope.put("type", "customer.renamed");
            envelope.put("key", "key\\'\"<>");
            envelope.put("payload", Map.of("name", "x"));
            envelope.put("source", "app <script>");
            Command c;
            try {
                c = accepted(PARSER.parse(MAPPER.writeValueAsBytes(envelope)));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertThat(c.id()).isEqualTo(id);
            assertThat(c.key()).isEqualTo("key\\'\"<>");
            assertThat(c.source()).isEqualTo("app <script>");
        }

        @Test
        void escapedSurrogatePairIsOneValidCharacter() {
            Command c = accepted(parse(q("{'id':'x','type':'customer.renamed','key':'k','payload':{'name':'\\ud83d\\ude00'}}")));
            assertThat(c.payload().get("name").stringValue()).isEqualTo("😀");
        }
    }

    // ---- size, encoding, JSON syntax --------------------------------------------------------------

    @Nested
    class BytesAndSyntax {

        @Test
        void overTheSizeLimit() {
            assertThat(reason(PARSER.parse(new byte[70_123]))).isEqualTo("command is 70,123 bytes, over the 65,536-byte limit");
            assertThat(reason(PARSER.parse(new byte[65_537]))).isEqualTo("command is 65,537 bytes, over the 65,536-byte limit");
        }

        @Test
        void oneMegabyteIsRejectedFast() {
            String big = q("{'id':'x','type':'customer.renamed','key':'k','payload':{'name':'") + "a".repeat(1 << 20) + q("'}}");
            byte[] body = big.getBytes(StandardCharsets.UTF_8);
            ParseResult r = assertTimeoutPreemptively(Duration.ofMillis(200), () -> PARSER.parse(body));
            assertThat(reason(r)).isEqualTo("command is 1,048,644 bytes, over the 65,536-byte limit");
        }

        @Test
        void customLimit() {
            CommandParser small = new CommandParser(CATALOG, 10);
            assertThat(reason(small.parse("{\"id\":\"123\"}".getBytes(StandardCharsets.UTF_8))))
                    .isEqualTo("command is 12 bytes, over the 10-byte limit");
        }

        @Test
        void emptyBody() {
            assertThat(reason(PARSER.parse(new byte[0]))).isEqualTo("empty body");
            assertThat(reason(PARSER.parse(null))).isEqualTo("empty body");
            assertThat(reason(parse(" \r\n\t "))).isEqualTo("empty body (only whitespace)");
        }

        @Test
        void notUtf8() {
            assertThat(reason(PARSER.parse(new byte[] {'{', (byte) 0xC3, 0x28, '}'})))
                    .isEqualTo("body is not valid UTF-8: invalid byte sequence C3 at byte offset 1");
            // Latin-1 "é"
            assertThat(reason(PARSER.parse(new byte[] {'{', '"', (byte) 0xE9, '"', '}'})))
                    .isEqualTo("body is not valid UTF-8: invalid byte sequence E9 at byte offset 2");
            // A surrogate encoded as UTF-8 (CESU-8 style) is not UTF-8.
            assertThat(reason(PARSER.parse(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'})))
                    .isEqualTo("body is not valid UTF-8: invalid byte sequence ED A0 80 at byte offset 1");
            // UTF-16 with a byte order mark
            assertThat(reason(PARSER.parse("{}".getBytes(StandardCharsets.UTF_16))))
                    .isEqualTo("body is not valid UTF-8: invalid byte sequence FE at byte offset 0");
        }

        @Test
        void malformedJson() {
            assertThat(reason(parse("{\"id\": }")))
                    .isEqualTo("malformed JSON at line 1, column 8: Unexpected character ('}' (code 125)): expected a value");
            assertThat(reason(parse("{\n  \"id\": \"x\",\n  \"type\" \"customer.renamed\"\n}")))
                    .isEqualTo("malformed JSON at line 3, column 10: Unexpected character ('\"' (code 34)): "
                            + "was expecting a colon to separate property name and value");
            assertThat(reason(parse("{'id':'x'}")))
                    .isEqualTo("malformed JSON at line 1, column 2: Unexpected character (''' (code 39)): "
                            + "was expecting double-quote to start property name");
            assertThat(reason(parse("{\"a\":1,}")))
                    .isEqualTo("malformed JSON at line 1, column 8: Unexpected character ('}' (code 125)): "
                            + "was expecting double-quote to start property name");
            assertThat(reason(parse("{\"a\": NaN}")))
                    .isEqualTo("malformed JSON at line 1, column 10: Non-standard token 'NaN': "
                            + "enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow");
        }

        @Test
        void truncatedJsonHasNoSourceDump() {
            assertThat(reason(parse("{\"id\":\"x\",\"payload\":{\"amount\":1")))
                    .isEqualTo("malformed JSON at line 1, column 32: Unexpected end-of-input: expected close marker "
                            + "for Object (start marker at line 1, column 21)");
        }

        @Test
        void rawControlCharacterInsideAStringIsMalformedJson() {
            assertThat(reason(parse("{\"id\":\"a\u0001b\"}")))
                    .isEqualTo("malformed JSON at line 1, column 9: Illegal unquoted character ((CTRL-CHAR, code 1)): "
                            + "has to be escaped using backslash to be included in string value");
        }

        @Test
        void malformedJsonKeepsTheEnvelopeFieldsReadSoFar() {
            ParseResult.Rejected r = rejected(parse(q("{'id':'c-9','type':'customer.credited','key':'cust-1','source':'crm','payload':{'amount': }")));
            assertThat(r.reason()).isEqualTo("malformed JSON at line 1, column 91: Unexpected character ('}' (code 125)): expected a value");
            assertThat(r.id()).isEqualTo("c-9");
            assertThat(r.type()).isEqualTo("customer.credited");
            assertThat(r.key()).isEqualTo("cust-1");
            assertThat(r.source()).isEqualTo("crm");
        }

        @Test
        void hugeExponentIsMalformedJson() {
            assertThat(reason(parseQ("{'id':'x','type':'order.placed','key':'o','payload':{'customerId':'c','total':1e99999999999}}")))
                    .isEqualTo("malformed JSON at line 1, column 79: number 1e99999999999 is out of range");
        }

        @Test
        void trailingContent() {
            String valid = q("{'id':'x','type':'order.cancelled','key':'o','payload':{}}");
            assertThat(reason(parse(valid + " {}")))
                    .isEqualTo("unexpected content after the JSON object at line 1, column 60");
            assertThat(reason(parse(valid + "\n,")))
                    .isEqualTo("unexpected content after the JSON object at line 2, column 1");
            assertThat(reason(parse(valid + "garbage")))
                    .isEqualTo("unexpected content after the JSON object at line 1, column 59");
            assertThat(reason(parse(valid + "\r\n\r\n  x")))
                    .isEqualTo("unexpected content after the JSON object at line 3, column 3");
            assertThat(rejected(parse(valid + "]")).id()).isEqualTo("x");
        }

        @Test
        void topLevelNotAnObject() {
            assertThat(reason(parse("[{\"id\":\"x\"}]"))).isEqualTo("top level is an array, but a command must be a JSON object");
            assertThat(reason(parse("\"hello\""))).isEqualTo("top level is a string, but a command must be a JSON object");
            assertThat(reason(parse("42"))).isEqualTo("top level is a number, but a command must be a JSON object");
            assertThat(reason(parse("true"))).isEqualTo("top level is a boolean, but a command must be a JSON object");
            assertThat(reason(parse("null"))).isEqualTo("top level is null, but a command must be a JSON object");
        }

        @Test
        void duplicateKeys() {
            assertThat(reason(parse(q("{'id':'x','type':'customer.renamed','id':'y'}"))))
                    .isEqualTo("duplicate key 'id' at the top level (line 1, column 37)");
            String nested = q("{'id':'x','type':'customer.moved','key':'k','payload':{'address':{'street':'s','zip':'z','city':'a','city':'b'}}}");
            ParseResult.Rejected r = rejected(parse(nested));
            assertThat(r.reason()).isEqualTo("duplicate key 'city' at payload.address (line 1, column "
                    + (nested.lastIndexOf("\"city\"") + 1) + ")");
            assertThat(r.id()).isEqualTo("x");
            assertThat(r.key()).isEqualTo("k");
        }

        @Test
        void duplicateKeyWithHostileNameIsShownEscaped() {
            assertThat(reason(parse("{\"a\\u0000b\":1,\"a\\u0000b\":2}")))
                    .isEqualTo("duplicate key 'a\\u0000b' at the top level (line 1, column 15)");
        }

        @Test
        void deepNestingIsRejected() {
            String deep = "{\"id\":\"x\",\"payload\":" + "[".repeat(40) + "]".repeat(40) + "}";
            assertThat(reason(parse(deep))).isEqualTo("JSON nested more than 32 levels deep at line 1, column 52");
        }

        @Test
        void veryDeepNestingWithinTheSizeLimitIsRejectedFastWithoutStackOverflow() {
            String deep = "{\"payload\":" + "[".repeat(60_000);
            ParseResult r = assertTimeoutPreemptively(Duration.ofMillis(500), () -> parse(deep));
            assertThat(reason(r)).isEqualTo("JSON nested more than 32 levels deep at line 1, column 43");
        }
    }

    // ---- envelope -------------------------------------------------------------------------------

    @Nested
    class Envelope {

        @Test
        void allEnvelopeFieldsMissing() {
            assertThat(reason(parse("{}"))).isEqualTo("id: required field is missing; type: required field is missing; "
                    + "key: required field is missing; payload: required field is missing");
        }

        @Test
        void wrongJsonTypes() {
            assertThat(reason(parseQ("{'id':17,'type':['customer.renamed'],'key':null,'payload':'x','source':5,'issuedAt':1700000000}")))
                    .isEqualTo("id: expected string, got number 17; type: expected string, got array; "
                            + "key: expected string, got null; payload: expected object, got string \"x\"; "
                            + "source: expected string, got number 5; issuedAt: expected string, got number 1700000000");
        }

        @Test
        void emptyAndBlankIdAndKey() {
            assertThat(reason(parseQ("{'id':'','type':'order.cancelled','key':'   ','payload':{}}")))
                    .isEqualTo("id: must not be empty; key: must not be blank");
        }

        @Test
        void idAndKeyTooLong() {
            ParseResult.Rejected r = rejected(parse(q("{'id':'" + "i".repeat(201) + "','type':'order.cancelled','key':'"
                    + "😀".repeat(250) + "','payload':{}}")));
            assertThat(r.reason()).isEqualTo("id: 201 characters, over the maximum of 200; key: 500 UTF-16 units (a character "
                    + "outside the BMP, such as most emoji, counts as 2), over the maximum of 200");
            // The rejection still carries them, cut to fit a 200-character column on every engine, never half an emoji.
            assertThat(r.id()).isEqualTo("i".repeat(199) + "…");
            assertThat(r.key()).isEqualTo("😀".repeat(99) + "…");
        }

        @Test
        void controlCharactersInIdAndKey() {
            ParseResult.Rejected r = rejected(parse(q("{'id':'a\\u0000b','type':'order.cancelled','key':'tab\\there','payload':{}}")));
            assertThat(r.reason()).isEqualTo("id: contains control character U+0000 at character 2; "
                    + "key: contains control character U+0009 at character 4");
            assertThat(r.id()).isEqualTo("a\\u0000b");
            assertThat(r.key()).isEqualTo("tab\\there");
        }

        @Test
        void otherUnprintableCharactersInTheEnvelope() {
            assertThat(reason(parse(q("{'id':'a\\u007fb','type':'order.cancelled','key':'x\\u0085','payload':{},'source':'\\u202eevil'}"))))
                    .isEqualTo("id: contains control character U+007F at character 2; "
                            + "key: contains control character U+0085 at character 2; "
                            + "source: contains invisible formatting character U+202E at character 1");
        }

        @Test
        void loneSurrogatesInTheEnvelope() {
            ParseResult.Rejected r = rejected(parse(q("{'id':'x\\ud800','type':'order.cancelled','key':'\\udc00y','payload':{}}")));
            assertThat(r.reason()).isEqualTo("id: contains a lone surrogate U+D800 at character 2; "
                    + "key: contains a lone surrogate U+DC00 at character 1");
            assertThat(r.id()).isEqualTo("x\\ud800");
            assertThat(r.key()).isEqualTo("\\udc00y");
        }

        @Test
        void typeNotWellFormed() {
            assertThat(reason(parseQ("{'id':'x','type':'Customer.Registered','key':'k','payload':{}}")))
                    .isEqualTo("type: \"Customer.Registered\" is not a valid command type name "
                            + "(lowercase dot-separated words, e.g. customer.registered)");
            assertThat(reason(parseQ("{'id':'x','type':'customer','key':'k','payload':{}}")))
                    .isEqualTo("type: \"customer\" is not a valid command type name "
                            + "(lowercase dot-separated words, e.g. customer.registered)");
            assertThat(reason(parseQ("{'id':'x','type':'customer.','key':'k','payload':{}}")))
                    .startsWith("type: \"customer.\" is not a valid command type name");
            assertThat(reason(parse(q("{'id':'x','type':'" + "a.".repeat(60) + "b','key':'k','payload':{}}"))))
                    .isEqualTo("type: 121 characters, over the maximum of 100");
        }

        @Test
        void unknownType() {
            ParseResult.Rejected r = rejected(parseQ("{'id':'x','type':'customer.exploded','key':'k','payload':{'boom':true}}"));
            assertThat(r.reason()).isEqualTo("unknown command type 'customer.exploded'; known types: " + KNOWN);
            assertThat(r.type()).isEqualTo("customer.exploded");
        }

        @Test
        void sourceTooLong() {
            assertThat(reason(parse(q("{'id':'x','type':'order.cancelled','key':'k','payload':{},'source':'" + "s".repeat(101) + "'}"))))
                    .isEqualTo("source: 101 characters, over the maximum of 100");
        }

        @Test
        void issuedAtNotATimestamp() {
            assertThat(reason(parseQ("{'id':'x','type':'order.cancelled','key':'k','payload':{},'issuedAt':'yesterday'}")))
                    .isEqualTo("issuedAt: \"yesterday\" is not an ISO-8601 timestamp with offset (e.g. 2026-11-23T10:15:30Z)");
            assertThat(reason(parseQ("{'id':'x','type':'order.cancelled','key':'k','payload':{},'issuedAt':'2026-11-23T10:15:30'}")))
                    .isEqualTo("issuedAt: \"2026-11-23T10:15:30\" is not an ISO-8601 timestamp with offset (e.g. 2026-11-23T10:15:30Z)");
            assertThat(reason(parseQ("{'id':'x','type':'order.cancelled','key':'k','payload':{},'issuedAt':'2026-02-30T10:15:30Z'}")))
                    .isEqualTo("issuedAt: \"2026-02-30T10:15:30Z\" is not an ISO-8601 timestamp with offset (e.g. 2026-11-23T10:15:30Z)");
        }

        @Test
        void issuedAtShownTruncatedAndEscaped() {
            assertThat(reason(parse(q("{'id':'x','type':'order.cancelled','key':'k','payload':{},'issuedAt':'2026-11-23T10:15:30Z"
                    + "\\u0000" + "x".repeat(100) + "'}"))))
                    .isEqualTo("issuedAt: \"2026-11-23T10:15:30Z\\u0000" + "x".repeat(19)
                            + "…\" is not an ISO-8601 timestamp with offset (e.g. 2026-11-23T10:15:30Z)");
        }

        @Test
        void issuedAtOutOfRange() {
            assertThat(reason(parseQ("{'id':'x','type':'order.cancelled','key':'k','payload':{},'issuedAt':'+10000-01-01T00:00:00Z'}")))
                    .isEqualTo("issuedAt: \"+10000-01-01T00:00:00Z\" is outside the supported range (years 1000 to 9999 UTC)");
            assertThat(reason(parseQ("{'id':'x','type':'order.cancelled','key':'k','payload':{},'issuedAt':'0999-12-31T23:59:59Z'}")))
                    .isEqualTo("issuedAt: \"0999-12-31T23:59:59Z\" is outside the supported range (years 1000 to 9999 UTC)");
        }

        @Test
        void unknownEnvelopeFields() {
            assertThat(reason(parseQ("{'id':'x','type':'order.cancelled','key':'k','payload':{},'priority':1,'Id':'y'}")))
                    .isEqualTo("priority: unknown envelope field; Id: unknown envelope field");
            assertThat(reason(parse(q("{'id':'x','type':'order.cancelled','key':'k','payload':{},'evil\\u0000 name':1}"))))
                    .isEqualTo("[\"evil\\u0000 name\"]: unknown envelope field");
        }

        @Test
        void envelopeAndPayloadProblemsReportedTogether() {
            ParseResult.Rejected r = rejected(parseQ("{'id':'','type':'customer.credited','key':'k','payload':{'amount':0},'extra':1}"));
            assertThat(r.reason()).isEqualTo("id: must not be empty; extra: unknown envelope field; "
                    + "payload.amount: 0 is below the minimum of 1");
            assertThat(r.id()).isEmpty();
            assertThat(r.type()).isEqualTo("customer.credited");
        }
    }

    // ---- payload --------------------------------------------------------------------------------

    @Nested
    class Payload {

        @Test
        void requiredFieldMissing() {
            assertThat(reason(parseCommand("customer.registered",
                    Map.of("name", "Ada", "address", Map.of("street", "s", "zip", "z")))))
                    .isEqualTo("payload.address.city: required field is missing");
        }

        @Test
        void requiredFieldNull() {
            assertThat(reason(parse(q("{'id':'x','type':'customer.renamed','key':'k','payload':{'name':null}}"))))
                    .isEqualTo("payload.name: required field is null");
        }

        @Test
        void expectedIntegerGotString() {
            assertThat(reason(parse(credited("{\"amount\":\"ten\"}"))))
                    .isEqualTo("payload.amount: expected integer, got string \"ten\"");
        }

        @Test
        void integerRules() {
            assertThat(reason(parse(credited("{\"amount\":10.0}")))).isEqualTo("payload.amount: expected integer, got number 10.0");
            assertThat(reason(parse(credited("{\"amount\":1e3}")))).isEqualTo("payload.amount: expected integer, got number 1E+3");
            assertThat(reason(parse(credited("{\"amount\":true}")))).isEqualTo("payload.amount: expected integer, got boolean true");
            assertThat(reason(parse(credited("{\"amount\":{}}")))).isEqualTo("payload.amount: expected integer, got object");
            assertThat(reason(parse(credited("{\"amount\":0}")))).isEqualTo("payload.amount: 0 is below the minimum of 1");
            assertThat(reason(parse(credited("{\"amount\":-5}")))).isEqualTo("payload.amount: -5 is below the minimum of 1");
            assertThat(reason(parse(credited("{\"amount\":1000001}"))))
                    .isEqualTo("payload.amount: 1000001 is above the maximum of 1000000");
            assertThat(reason(parse(credited("{\"amount\":99999999999999999999}"))))
                    .isEqualTo("payload.amount: 99999999999999999999 is outside the 64-bit integer range");
        }

        @Test
        void decimalRules() {
            String head = q("{'id':'o','type':'order.placed','key':'o','payload':{'customerId':'c','total':");
            assertThat(reason(parse(head + "12.345}}"))).isEqualTo("payload.total: 12.345 has more than 2 decimals");
            assertThat(reason(parse(head + "-0.01}}"))).isEqualTo("payload.total: -0.01 is below the minimum of 0");
            assertThat(reason(parse(head + "1000000000.01}}")))
                    .isEqualTo("payload.total: 1000000000.01 is above the maximum of 1000000000");
            assertThat(reason(parse(head + "\"12.30\"}}"))).isEqualTo("payload.total: expected decimal, got string \"12.30\"");
            assertThat(reason(parse(head + "1e400}}")))
                    .isEqualTo("payload.total: 1E+400 is out of range (more than 38 digits before the decimal point)");
        }

        @Test
        void stringLength() {
            assertThat(reason(parseCommand("customer.renamed", Map.of("name", "n".repeat(250)))))
                    .isEqualTo("payload.name: 250 characters, over the maximum of 100");
            assertThat(reason(parseCommand("customer.renamed", Map.of("name", ""))))
                    .isEqualTo("payload.name: 0 characters, under the minimum of 1");
            accepted(parseCommand("customer.renamed", Map.of("name", "👩‍💻".repeat(20)))); // 5 UTF-16 units each: 100
            assertThat(reason(parseCommand("customer.renamed", Map.of("name", "👩‍💻".repeat(21)))))
                    .startsWith("payload.name: 105 UTF-16 units");
        }

        @Test
        void unknownField() {
            assertThat(reason(parseCommand("customer.renamed", Map.of("name", "Ada", "extra", 1))))
                    .isEqualTo("payload.extra: unknown field");
            assertThat(reason(parseCommand("customer.moved", Map.of("address",
                    Map.of("street", "s", "zip", "z", "city", "c", "country", "CH")))))
                    .isEqualTo("payload.address.country: unknown field");
        }

        @Test
        void wrongStructure() {
            assertThat(reason(parseCommand("customer.moved", Map.of("address", "Main Street 1, 8000 Zürich"))))
                    .isEqualTo("payload.address: expected object, got string \"Main Street 1, 8000 Zürich\"");
            assertThat(reason(parseCommand("customer.moved", Map.of("address", new Object[] {"a"}))))
                    .isEqualTo("payload.address: expected object, got array");
        }

        @Test
        void allViolationsAreReportedTogether() {
            String json = q("{'id':'r','type':'customer.registered','key':'k','payload':{"
                    + "'name':'" + "n".repeat(250) + "','email':42,"
                    + "'address':{'street':'','zip':12345,'extra':'x'},"
                    + "'phone':'123','fax':null}}");
            assertThat(reason(parse(json))).isEqualTo(String.join("; ",
                    "payload.name: 250 characters, over the maximum of 100",
                    "payload.email: expected string, got number 42",
                    "payload.address.street: 0 characters, under the minimum of 1",
                    "payload.address.zip: expected string, got number 12345",
                    "payload.address.city: required field is missing",
                    "payload.address.extra: unknown field",
                    "payload.phone: unknown field",
                    "payload.fax: unknown field"));
        }

        @Test
        void manyViolationsAreCountedBeyondTwenty() {
            StringBuilder payload = new StringBuilder("{\"name\":\"x\"");
            for (int i = 0; i < 25; i++) {
                payload.append(",\"f").append(i).append("\":1");
            }
            payload.append('}');
            String r = reason(parse(q("{'id':'x','type':'customer.renamed','key':'k','payload':") + payload + "}"));
            assertThat(r).startsWith("payload.f0: unknown field; payload.f1: unknown field; ")
                    .endsWith("payload.f19: unknown field; … and 5 more problems");
        }

        @Test
        void reasonsShowValuesTruncatedAndEscaped() {
            assertThat(reason(parseCommand("customer.credited", Map.of("amount", "x".repeat(100)))))
                    .isEqualTo("payload.amount: expected integer, got string \"" + "x".repeat(40) + "…\"");
            assertThat(reason(parseCommand("customer.credited", Map.of("amount", "te\u0007n\"\\"))))
                    .isEqualTo("payload.amount: expected integer, got string \"te\\u0007n\\\"\\\\\"");
            assertThat(reason(parseCommand("customer.credited", Map.of("amount", "line\nbreak\u2028\u202e"))))
                    .isEqualTo("payload.amount: expected integer, got string \"line\\nbreak\\u2028\\u202e\"");
        }
    }

    // ---- hostile strings in the payload -----------------------------------------------------------

    @Nested
    class HostileStrings {

        @Test
        void nulInAPayloadString() {
            assertThat(reason(parseCommand("customer.renamed", Map.of("name", "Ada\u0000; DROP TABLE x"))))
                    .isEqualTo("payload.name: contains control character U+0000 at character 4");
        }

        @Test
        void otherC0ControlsInPayloadStrings() {
            assertThat(reason(parseCommand("customer.moved", Map.of("address",
                    Map.of("street", "a\u001b[31mred", "zip", "\u0008", "city", "ok\tfine")))))
                    .isEqualTo("payload.address.street: contains control character U+001B at character 2; "
                            + "payload.address.zip: contains control character U+0008 at character 1");
        }

        @Test
        void loneSurrogateInAPayloadString() {
            assertThat(reason(parse(q("{'id':'x','type':'customer.renamed','key':'k','payload':{'name':'ab\\ud83d'}}"))))
                    .isEqualTo("payload.name: contains a lone surrogate U+D83D at character 3");
            assertThat(reason(parse(q("{'id':'x','type':'customer.renamed','key':'k','payload':{'name':'\\ude00'}}"))))
                    .isEqualTo("payload.name: contains a lone surrogate U+DE00 at character 1");
        }

        @Test
        void hostileFieldNameIsNamedSafely() {
            ParseResult.Rejected r = rejected(parse(q("{'id':'x','type':'customer.renamed','key':'k','payload':"
                    + "{'name':'Ada','na\\u0000me':'x','<b>\\ud800</b>':1}}")));
            assertThat(r.reason()).isEqualTo("payload[\"na\\u0000me\"]: unknown field; payload[\"<b>\\ud800</b>\"]: unknown field");
            assertThat(r.id()).isEqualTo("x");
        }

        @Test
        void rejectionOfAValidEnvelopeCarriesItVerbatim() {
            ParseResult.Rejected r = rejected(PARSER.parse(command("customer.renamed", Map.of("name", "\u0000"),
                    Map.of("source", "app \"one\" \\ 😀"))));
            assertThat(r.id()).isEqualTo("cmd-1");
            assertThat(r.key()).isEqualTo("k-1");
            assertThat(r.type()).isEqualTo("customer.renamed");
            assertThat(r.source()).isEqualTo("app \"one\" \\ 😀");
        }
    }

    // ---- a catalogue with every field type ----------------------------------------------------------

    @Nested
    class EveryFieldType {

        final CommandParser parser = new CommandParser(CommandCatalog.fromYaml("""
                types:
                  test.everything:
                    payload:
                      code:    {type: string, pattern: '[A-Z]{3}-[0-9]+'}
                      status:  {type: string, enum: [open, closed]}
                      flag:    boolean
                      at:      {type: timestamp}
                      rate:    {type: decimal, scale: 4, min: -1.5, max: 1.5}
                      tags:    {type: array, items: {type: string, maxLength: 5}, minItems: 1, maxItems: 3}
                      lines:
                        type: array
                        items:
                          type: object
                          fields:
                            qty: {type: integer, required: true, min: 1}
                      meta:    {type: object, additionalFields: true, fields: {}}
                  test.free:
                    additionalFields: true
                """, "test-catalog"), 65_536);

        ParseResult run(String type, String payload) {
            return parser.parse(("{\"id\":\"x\",\"type\":\"" + type + "\",\"key\":\"k\",\"payload\":" + payload + "}")
                    .getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void validValues() {
            Command c = accepted(run("test.everything", q("{'code':'ABC-12','status':'open','flag':false,"
                    + "'at':'2026-11-23T10:15:30-05:00','rate':-1.2345,'tags':['a','bb'],'lines':[{'qty':2}],"
                    + "'meta':{'anything':{'goes':[1,'two',null]}}}")));
            assertThat(c.payload().get("flag").booleanValue()).isFalse();
            assertThat(c.payload().get("rate").decimalValue()).isEqualTo(new BigDecimal("-1.2345"));
            assertThat(c.payload().at("/meta/anything/goes/1").stringValue()).isEqualTo("two");
        }

        @Test
        void violations() {
            assertThat(reason(run("test.everything", q("{'code':'abc-12','status':'pending','flag':'yes',"
                    + "'at':'2026-11-23','rate':1.23456,'tags':[],'lines':[{'qty':0},{},null,3]}"))))
                    .isEqualTo(String.join("; ",
                            "payload.code: \"abc-12\" does not match the pattern [A-Z]{3}-[0-9]+",
                            "payload.status: \"pending\" is not one of open, closed",
                            "payload.flag: expected boolean, got string \"yes\"",
                            "payload.at: \"2026-11-23\" is not an ISO-8601 timestamp with offset (e.g. 2026-11-23T10:15:30Z)",
                            "payload.rate: 1.23456 has more than 4 decimals",
                            "payload.tags: 0 items, under the minimum of 1",
                            "payload.lines[0].qty: 0 is below the minimum of 1",
                            "payload.lines[1].qty: required field is missing",
                            "payload.lines[2]: expected object, got null",
                            "payload.lines[3]: expected object, got number 3"));
            assertThat(reason(run("test.everything", q("{'tags':['ok','toolong','x','y'],'rate':2}"))))
                    .isEqualTo("payload.rate: 2 is above the maximum of 1.5; payload.tags: 4 items, over the maximum of 3; "
                            + "payload.tags[1]: 7 characters, over the maximum of 5");
        }

        @Test
        void additionalFieldsAreStillCheckedForHostileStrings() {
            assertThat(reason(run("test.everything", q("{'meta':{'ok':'fine','bad':['x','a\\u0000'],'k\\u0001':1}}"))))
                    .isEqualTo("payload.meta.bad[1]: contains control character U+0000 at character 2; "
                            + "payload.meta[\"k\\u0001\"]: field name contains control character U+0001 at character 2");
            assertThat(reason(run("test.free", q("{'a':{'b':'\\ud800'}}"))))
                    .isEqualTo("payload.a.b: contains a lone surrogate U+D800 at character 1");
        }

        @Test
        void nestingUpToTheLimitIsAccepted() {
            // envelope = level 1, payload = level 2, so 30 more levels fit.
            accepted(run("test.free", "{\"a\":" + "[".repeat(30) + "]".repeat(30) + "}"));
            assertThat(reason(run("test.free", "{\"a\":" + "[".repeat(31) + "]".repeat(31) + "}")))
                    .isEqualTo("JSON nested more than 32 levels deep at line 1, column 85");
        }
    }
}
