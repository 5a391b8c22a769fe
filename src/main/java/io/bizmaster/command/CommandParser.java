package io.bizmaster.command;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.ErrorReportConfiguration;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BigIntegerNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Turns the raw bytes of one message into a valid {@link Command} or a rejection with an exact,
 * human-readable reason. Stateless and thread-safe: one instance can serve every consumer thread.
 *
 * <p>The message must be a UTF-8 JSON object, at most {@code maxBytes} long, nested at most
 * {@link #MAX_DEPTH} levels, without duplicate keys or trailing content, of the form
 * <pre>
 * {"id": "...", "type": "customer.renamed", "key": "c-42", "payload": {...},
 *  "source": "crm", "issuedAt": "2026-11-23T10:15:30Z"}
 * </pre>
 * where {@code source} and {@code issuedAt} are optional ({@code null} counts as absent) and the
 * payload must satisfy the {@link CommandCatalog}. Numbers are kept exactly: integers as
 * int/long/BigInteger nodes, others as {@link java.math.BigDecimal} with their scale (12.30 stays 12.30).
 * Strings are kept verbatim; quotes, SQL, HTML, emoji and any script are just text.
 */
public final class CommandParser {

    /** The size limit the lead passes by default. */
    public static final int DEFAULT_MAX_BYTES = 65_536;
    /** Deepest nesting accepted; the envelope object is level 1, the payload object level 2. */
    public static final int MAX_DEPTH = 32;
    /** At most this many problems are spelled out in a reason; the rest are counted. */
    public static final int MAX_REPORTED_PROBLEMS = 20;
    /** A reason never exceeds this many characters. */
    public static final int MAX_REASON_CHARS = 4000;

    public static final int MAX_ID_CHARS = 200;
    public static final int MAX_KEY_CHARS = 200;
    public static final int MAX_TYPE_CHARS = 100;
    public static final int MAX_SOURCE_CHARS = 100;

    /** The envelope fields, in the order problems are reported. */
    public static final List<String> ENVELOPE_FIELDS = List.of("id", "type", "key", "payload", "source", "issuedAt");
    private static final Set<String> ENVELOPE = Set.copyOf(ENVELOPE_FIELDS);

    /** Jackson's location, e.g. {@code [Source: (String)""[truncated 26 chars]; line: 1, column: 21]}: no content. */
    private static final Pattern SOURCE_IN_MESSAGE = Pattern.compile("\\[Source: [^;]*; line: (\\d+), column: (\\d+)\\]");
    private static final int MAX_JACKSON_MESSAGE_CHARS = 200;

    private final CommandCatalog catalog;
    private final int maxBytes;
    private final JsonFactory factory;

    /** A parser with the {@link #DEFAULT_MAX_BYTES} size limit. */
    public CommandParser(CommandCatalog catalog) {
        this(catalog, DEFAULT_MAX_BYTES);
    }

    /**
     * @param catalog  the command types honoured and their payloads
     * @param maxBytes the largest message accepted, in bytes (the lead passes 65536)
     */
    public CommandParser(CommandCatalog catalog, int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.maxBytes = maxBytes;
        this.factory = JsonFactory.builder()
                // Locations keep their line and column (Jackson 3 drops them from a redacted source's description),
                // but never a byte of the message: a reason must not echo the body.
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .errorReportConfiguration(ErrorReportConfiguration.builder().maxRawContentLength(0).build())
                // Our own depth check (MAX_DEPTH) fires first; this is a backstop.
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 8).build())
                .build();
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** Parses and validates one message body. Never throws for any input; {@code null} counts as empty. */
    public ParseResult parse(byte[] body) {
        if (body == null || body.length == 0) {
            return new ParseResult.Rejected("empty body");
        }
        if (body.length > maxBytes) {
            return new ParseResult.Rejected(String.format(Locale.ENGLISH,
                    "command is %,d bytes, over the %,d-byte limit", body.length, maxBytes));
        }
        String text = decodeUtf8(body);
        if (text == null) {
            return new ParseResult.Rejected(utf8Problem(body));
        }
        int replaced = text.indexOf('\uFFFD');
        if (replaced >= 0) {
            // A client or the broker decoded bytes that were not UTF-8 into this: the original is lost, so the
            // command is refused whatever the protocol (STOMP without content-length delivers it as text).
            return new ParseResult.Rejected("body holds U+FFFD, the replacement character, at character " + (replaced + 1)
                    + ": bytes that were not valid UTF-8 were decoded on the way; send the command as valid UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a UTF-8 byte order mark is tolerated
        }
        if (isJsonWhitespace(text)) {
            return new ParseResult.Rejected("empty body (only whitespace)");
        }

        TreeBuilder builder = new TreeBuilder();
        try {
            builder.build(text);
        } catch (Fatal fatal) {
            return rejected(List.of(fatal.getMessage()), builder.root);
        }
        return validate(builder.root);
    }

    // ---------------------------------------------------------------------------------------------
    // Envelope and payload

    private ParseResult validate(ObjectNode root) {
        List<String> problems = new ArrayList<>();
        String id = requiredText(root, "id", MAX_ID_CHARS, problems);
        String type = requiredText(root, "type", MAX_TYPE_CHARS, problems);
        boolean typeKnown = false;
        if (type != null) {
            if (!CommandCatalog.TYPE_NAME.matcher(type).matches()) {
                problems.add("type: " + Text.quoted(type)
                        + " is not a valid command type name (lowercase dot-separated words, e.g. customer.registered)");
            } else if (!catalog.contains(type)) {
                problems.add("unknown command type " + Text.singleQuoted(type) + "; known types: "
                        + String.join(", ", catalog.types()));
            } else {
                typeKnown = true;
            }
        }
        String key = requiredText(root, "key", MAX_KEY_CHARS, problems);

        JsonNode payload = root.get("payload");
        if (payload == null) {
            problems.add("payload: required field is missing");
        } else if (!payload.isObject()) {
            problems.add("payload: expected object, got " + Text.describe(payload));
        }

        String source = null;
        JsonNode sourceNode = root.get("source");
        if (sourceNode != null && !sourceNode.isNull()) {
            if (!sourceNode.isString()) {
                problems.add("source: expected string, got " + Text.describe(sourceNode));
            } else if (checkText("source", sourceNode.stringValue(), MAX_SOURCE_CHARS, problems)) {
                source = sourceNode.stringValue();
            }
        }

        Instant issuedAt = null;
        JsonNode issuedNode = root.get("issuedAt");
        if (issuedNode != null && !issuedNode.isNull()) {
            if (!issuedNode.isString()) {
                problems.add("issuedAt: expected string, got " + Text.describe(issuedNode));
            } else {
                issuedAt = Text.parseTimestamp(issuedNode.stringValue());
                if (issuedAt == null) {
                    problems.add("issuedAt: " + Text.timestampProblem(issuedNode.stringValue()));
                }
            }
        }

        for (Map.Entry<String, JsonNode> member : root.properties()) {
            if (!ENVELOPE.contains(member.getKey())) {
                problems.add(Text.child("", member.getKey()) + ": unknown envelope field");
            }
        }

        if (typeKnown && key != null) {
            int maxKey = catalog.type(type).orElseThrow().keyMaxLength();
            if (Text.length(key) > maxKey) {
                problems.add("key: " + Text.lengthWord(key) + ", over the maximum of " + maxKey + " for " + type);
            }
        }

        if (typeKnown && payload != null && payload.isObject()) {
            problems.addAll(catalog.validate(type, payload));
        }

        if (!problems.isEmpty()) {
            return rejected(problems, root);
        }
        return new ParseResult.Accepted(new Command(id, type, key, (ObjectNode) payload, source, issuedAt));
    }

    /** A required envelope string; the value when valid, otherwise {@code null} with the problem added. */
    private static String requiredText(ObjectNode root, String field, int max, List<String> problems) {
        JsonNode value = root.get(field);
        if (value == null) {
            problems.add(field + ": required field is missing");
            return null;
        }
        if (!value.isString()) {
            problems.add(field + ": expected string, got " + Text.describe(value));
            return null;
        }
        return checkText(field, value.stringValue(), max, problems) ? value.stringValue() : null;
    }

    private static boolean checkText(String field, String s, int max, List<String> problems) {
        String hygiene = Text.hygieneProblem(s, true);
        if (hygiene != null) {
            problems.add(field + ": " + hygiene);
            return false;
        }
        if (s.isEmpty()) {
            problems.add(field + ": must not be empty");
            return false;
        }
        if (s.isBlank()) {
            problems.add(field + ": must not be blank");
            return false;
        }
        if (Text.length(s) > max) {
            problems.add(field + ": " + Text.lengthWord(s) + ", over the maximum of " + max);
            return false;
        }
        return true;
    }

    private static ParseResult.Rejected rejected(List<String> problems, ObjectNode root) {
        StringBuilder reason = new StringBuilder();
        int shown = Math.min(problems.size(), MAX_REPORTED_PROBLEMS);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                reason.append("; ");
            }
            reason.append(problems.get(i));
        }
        if (problems.size() > shown) {
            int more = problems.size() - shown;
            reason.append("; … and ").append(more).append(more == 1 ? " more problem" : " more problems");
        }
        String text = reason.toString();
        if (text.length() > MAX_REASON_CHARS) {
            int end = MAX_REASON_CHARS - 1;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            text = text.substring(0, end) + "…";
        }
        return new ParseResult.Rejected(text,
                envelopeText(root, "id", MAX_ID_CHARS),
                envelopeText(root, "type", MAX_TYPE_CHARS),
                envelopeText(root, "key", MAX_KEY_CHARS),
                envelopeText(root, "source", MAX_SOURCE_CHARS));
    }

    private static String envelopeText(ObjectNode root, String field, int max) {
        if (root == null) {
            return null;
        }
        JsonNode value = root.get(field);
        return value != null && value.isString() ? Text.forColumn(value.stringValue(), max) : null;
    }

    // ---------------------------------------------------------------------------------------------
    // Bytes and JSON

    private static String decodeUtf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(body.length);
        ByteBuffer in = ByteBuffer.wrap(body);
        if (decoder.decode(in, out, true).isError() || decoder.flush(out).isError()) {
            return null;
        }
        out.flip();
        return out.toString();
    }

    private static String utf8Problem(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CoderResult result = decoder.decode(in, CharBuffer.allocate(body.length), true);
        int offset = in.position();
        StringBuilder bytes = new StringBuilder();
        int n = result.isError() ? result.length() : 1;
        for (int i = offset; i < Math.min(body.length, offset + n); i++) {
            bytes.append(bytes.length() == 0 ? "" : " ").append(String.format("%02X", body[i] & 0xFF));
        }
        return "body is not valid UTF-8: invalid byte sequence " + bytes + " at byte offset " + offset;
    }

    private static boolean isJsonWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** A problem that stops parsing; its message is the complete, display-safe reason. */
    private static final class Fatal extends Exception {
        Fatal(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Builds the JSON tree token by token, so that depth, duplicate keys and trailing content are
     * checked with the JSON path at hand, and the envelope fields read before a fatal problem remain
     * available in {@link #root} for the rejection.
     */
    private final class TreeBuilder {
        private final JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root;
        private JsonParser parser;

        void build(String text) throws Fatal {
            try (JsonParser p = factory.createParser(ObjectReadContext.empty(), text)) {
                parser = p;
                JsonToken first = p.nextToken();
                if (first == null) {
                    throw new Fatal("empty body (only whitespace)");
                }
                if (first != JsonToken.START_OBJECT) {
                    throw new Fatal("top level is " + tokenKind(first) + ", but a command must be a JSON object");
                }
                root = nodes.objectNode();
                fillObject(root, "", 1);
                long end = p.currentLocation().getCharOffset();
                int extra = end < 0 ? -1 : firstNonWhitespace(text, (int) end);
                if (extra >= 0) {
                    throw new Fatal("unexpected content after the JSON object at " + position(text, extra));
                }
                if (end < 0 && p.nextToken() != null) { // offsets unknown: cannot happen for String input
                    throw new Fatal("unexpected content after the JSON object at " + position(p.currentTokenLocation()));
                }
            } catch (JacksonException e) {
                throw new Fatal(malformed(e));
            } catch (RuntimeException e) { // NumberFormatException and the like from hostile numbers
                TokenStreamLocation at = parser == null ? null : parser.currentLocation();
                throw new Fatal("malformed JSON" + (at == null ? "" : " at " + position(at)) + ": "
                        + Text.forColumn(String.valueOf(e.getMessage()), MAX_JACKSON_MESSAGE_CHARS));
            }
        }

        private void fillObject(ObjectNode node, String path, int depth) throws Fatal {
            JsonToken t;
            while ((t = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                String childPath = Text.child(path, name);
                if (node.has(name)) {
                    throw new Fatal("duplicate key " + Text.singleQuoted(name) + " at "
                            + (path.isEmpty() ? "the top level" : path) + " (" + position(parser.currentTokenLocation()) + ")");
                }
                JsonToken valueToken = parser.nextToken();
                node.set(name, value(valueToken, childPath, depth));
            }
            if (t != JsonToken.END_OBJECT) {
                throw new Fatal("malformed JSON at " + position(parser.currentTokenLocation()) + ": unexpected " + t);
            }
        }

        private JsonNode value(JsonToken t, String path, int parentDepth) throws Fatal {
            if (t == null) {
                throw new Fatal("malformed JSON at " + position(parser.currentLocation()) + ": unexpected end of input");
            }
            switch (t) {
                case START_OBJECT -> {
                    checkDepth(parentDepth + 1);
                    ObjectNode node = nodes.objectNode();
                    fillObject(node, path, parentDepth + 1);
                    return node;
                }
                case START_ARRAY -> {
                    checkDepth(parentDepth + 1);
                    ArrayNode array = nodes.arrayNode();
                    JsonToken item;
                    int i = 0;
                    while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
                        array.add(value(item, Text.index(path, i++), parentDepth + 1));
                    }
                    return array;
                }
                case VALUE_STRING -> {
                    return StringNode.valueOf(parser.getString());
                }
                case VALUE_NUMBER_INT -> {
                    return switch (parser.getNumberType()) {
                        case INT -> IntNode.valueOf(parser.getIntValue());
                        case LONG -> LongNode.valueOf(parser.getLongValue());
                        default -> BigIntegerNode.valueOf(parser.getBigIntegerValue());
                    };
                }
                case VALUE_NUMBER_FLOAT -> {
                    try {
                        return DecimalNode.valueOf(parser.getDecimalValue()); // keeps the scale: 12.30 stays 12.30
                    } catch (NumberFormatException | ArithmeticException | JacksonException e) {
                        throw new Fatal("malformed JSON at " + position(parser.currentTokenLocation()) + ": number "
                                + Text.escape(parser.getString(), Text.SHOWN_CHARS) + " is out of range");
                    }
                }
                case VALUE_TRUE -> {
                    return BooleanNode.TRUE;
                }
                case VALUE_FALSE -> {
                    return BooleanNode.FALSE;
                }
                case VALUE_NULL -> {
                    return NullNode.instance;
                }
                default -> throw new Fatal("malformed JSON at " + position(parser.currentTokenLocation())
                        + ": unexpected " + t);
            }
        }

        private void checkDepth(int depth) throws Fatal {
            if (depth > MAX_DEPTH) {
                throw new Fatal("JSON nested more than " + MAX_DEPTH + " levels deep at "
                        + position(parser.currentTokenLocation()));
            }
        }
    }

    private static String tokenKind(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> String.valueOf(t);
        };
    }

    private static String malformed(JacksonException e) {
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        Matcher m = SOURCE_IN_MESSAGE.matcher(message);
        message = m.replaceAll("line $1, column $2");
        message = Text.forColumn(message, MAX_JACKSON_MESSAGE_CHARS);
        TokenStreamLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1
                ? "malformed JSON: " + message
                : "malformed JSON at " + position(at) + ": " + message;
    }

    /** Index of the first non-JSON-whitespace character at or after {@code from}, or -1. */
    private static int firstNonWhitespace(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
        }
        return -1;
    }

    /** Line and column (both 1-based) of a character index, counting lines as Jackson does. */
    private static String position(String s, int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 >= s.length() || s.charAt(i + 1) != '\n')) {
                line++;
                lineStart = i + 1;
            }
        }
        return "line " + line + ", column " + (index - lineStart + 1);
    }

    private static String position(TokenStreamLocation at) {
        return "line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
}
