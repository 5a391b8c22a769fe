package io.bizmaster.command;



/** What {@link CommandParser#parse(byte[])} made of one message: a valid command, or a rejection. */
public sealed interface ParseResult permits ParseResult.Accepted, ParseResult.Rejected {

    /** The message is a valid command; {@code command.issuedAt()} is {@code null} when the sender gave none. */
    record Accepted(Command command) implements ParseResult {
    }

    /**
     * The message is not a valid command.
     *
     * <p>{@code reason} is human-readable and always safe to log and display: untrusted values in it
     * are escaped and cut, and it never exceeds {@link CommandParser#MAX_REASON_CHARS} characters. When
     * there are several problems they are all given, joined with {@code "; "}.
     *
     * <p>{@code id}, {@code type}, {@code key} and {@code source} are the envelope fields as far as they
     * could be read (each {@code null} when absent, not a string, or the body was unreadable). A value
     * that is itself valid is given verbatim; an invalid one (e.g. an id with a control character or
     * over 200 characters) is given as a display-safe copy: control and invisible formatting characters
     * escaped as {@code \\uXXXX}, and cut (ending in "…") to at most 200 characters for id and key, 100
     * for type and source, so each fits a log column of that size.
     */
    record Rejected(String reason, String id, String type, String key, String source) implements ParseResult {

        /** A rejection of which nothing of the envelope is known. */
        public Rejected(String reason) {
            this(reason, null, null, null, null);
        }
    }
}
