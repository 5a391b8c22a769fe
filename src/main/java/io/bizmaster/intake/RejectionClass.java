package io.bizmaster.intake;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The kind of a rejection, for the {@code reason} tag of {@code bizmaster.commands.rejected}: a reason itself names
 * values and positions, so as a tag it would make a series per message. A small fixed set, read from the reasons the
 * intake logs (the parser's, the jms-batch consumer's refusals, the log's id reuse), so a message the sender can act
 * on stays in the log and the metric only counts which kind of mistake is growing.
 */
public enum RejectionClass {

    /** Over the size limit (the parser's, or the broker's size of a large message, refused unread). */
    OVERSIZED,
    /** Not valid UTF-8, or decoded with replacement characters on the way. */
    ENCODING,
    /** No body, or only whitespace. */
    EMPTY,
    /** Not one JSON object: a syntax error, a duplicate key, trailing content, nested too deep. */
    MALFORMED,
    /** A JMS ObjectMessage, MapMessage or StreamMessage: never read. */
    MESSAGE_TYPE,
    /** The body could not be read from the message. */
    UNREADABLE,
    /** A type the catalogue does not know, or not a type name at all. */
    UNKNOWN_TYPE,
    /** An envelope or payload field missing, mistyped, out of bounds, or holding a control character. */
    INVALID_FIELD,
    /** The id of an accepted command, reused for a different command. */
    ID_REUSED,
    /** A value the command log's columns cannot hold. */
    LOG_REFUSED,
    /** Anything else; a reason that lands here is a reason this enum should learn. */
    OTHER;

    /** A problem the catalogue or the envelope check reports: {@code payload.amount: expected integer, got …}. */
    private static final Pattern FIELD_PROBLEM = Pattern.compile("^[^\\s:;]+: ");

    /** As the tag shows it: lowercase, words joined by '-'. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The class of a logged reason. A reason with several problems ({@code "id: …; unknown command type …"}) is classed
     * by the most telling: an unknown type before a field, since no field of an unknown type can be checked.
     */
    public static RejectionClass of(String reason) {
        if (reason == null || reason.isBlank()) {
            return OTHER;
        }
        if (reason.startsWith("command is ") && reason.contains("-byte limit")) {
            return OVERSIZED;
        }
        if (reason.startsWith("body is not valid UTF-8") || reason.startsWith("body holds U+FFFD")) {
            return ENCODING;
        }
        if (reason.startsWith("empty body")) {
            return EMPTY;
        }
        if (reason.startsWith("malformed JSON") || reason.startsWith("top level is ") || reason.startsWith("duplicate key ")
                || reason.startsWith("unexpected content after the JSON object") || reason.startsWith("JSON nested more than")) {
            return MALFORMED;
        }
        if (reason.startsWith("the message is a JMS ")) {
            return MESSAGE_TYPE;
        }
        if (reason.startsWith("the message body cannot be read")) {
            return UNREADABLE;
        }
        if (reason.startsWith("id '") && reason.contains("' already used at seq ")) {
            return ID_REUSED;
        }
        if (reason.startsWith("the command log cannot hold this message")) {
            return LOG_REFUSED;
        }
        if (reason.contains("unknown command type '") || reason.contains(" is not a valid command type name")) {
            return UNKNOWN_TYPE;
        }
        if (FIELD_PROBLEM.matcher(reason).find()) {
            return INVALID_FIELD;
        }
        return OTHER;
    }
}
