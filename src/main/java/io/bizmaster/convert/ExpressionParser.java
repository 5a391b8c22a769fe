package io.bizmaster.convert;

import io.bizmaster.command.SequencedCommand;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Parses the value expressions of converter files. The grammar is deliberately tiny: literals,
 * references to the command and function calls; no operators, so nothing needs precedence rules.
 * Anything unrecognised is rejected here so that a typo stops start-up instead of a store.
 */
final class ExpressionParser {

    /** A malformed expression; the message says where (1-based position) and what was expected. */
    static final class SyntaxError extends IllegalArgumentException {
        SyntaxError(String message) {
            super(message);
        }
    }

    private static final String EXPECTED = "expected key, id, type, source, issuedAt, seq, payload.<field>, "
            + "a 'quoted string', a number, true, false, null or a function call (" + Functions.NAMES + ")";

    private static final Map<String, Function<SequencedCommand, Object>> REFERENCES = Map.of(
            "key", c -> c.command().key(),
            "id", c -> c.command().id(),
            "type", c -> c.command().type(),
            "source", c -> c.command().source(),
            "issuedAt", c -> c.command().issuedAt(),
            "seq", SequencedCommand::seq);

    private final String text;
    private int pos;

    private ExpressionParser(String text) {
        this.text = text;
    }

    static Expression parse(String text) {
        ExpressionParser parser = new ExpressionParser(text);
        parser.skipSpaces();
        if (parser.atEnd()) {
            // What YAML gives for "COLUMN:" with nothing after it.
            return new Expression.Literal(null);
        }
        Expression expression = parser.expression();
        parser.skipSpaces();
        if (!parser.atEnd()) {
            throw parser.error("unexpected '" + parser.peek() + "'", "the end of the expression");
        }
        return expression;
    }

    private Expression expression() {
        skipSpaces();
        if (atEnd()) {
            throw error("the expression ends too early", EXPECTED);
        }
        char c = peek();
        if (c == '\'') {
            return new Expression.Literal(quoted());
        }
        if (c == '-' || c == '+' || Character.isDigit(c)) {
            return new Expression.Literal(number());
        }
        if (c == '~') {
            pos++;
            return new Expression.Literal(null);
        }
        if (isWordStart(c)) {
            int start = pos;
            String word = word();
            skipSpaces();
            if (!atEnd() && peek() == '(') {
                return call(word, start);
            }
            return reference(word, start);
        }
        throw error("unexpected '" + c + "'", EXPECTED);
    }

    private Expression call(String name, int start) {
        pos++;
        List<Expression> args = new ArrayList<>();
        skipSpaces();
        if (!atEnd() && peek() == ')') {
            pos++;
        } else {
            while (true) {
                args.add(expression());
                skipSpaces();
                if (atEnd()) {
                    throw error("the call to " + name + " is not closed", "',' or ')'");
                }
                char c = text.charAt(pos++);
                if (c == ')') {
                    break;
                }
                if (c != ',') {
                    pos--;
                    throw error("unexpected '" + c + "' in the call to " + name, "',' or ')'");
                }
            }
        }
        try {
            List<Expression> arguments = List.copyOf(args);
            return new Expression.Call(name, arguments, Functions.create(name, arguments));
        } catch (IllegalArgumentException e) {
            throw new SyntaxError(e.getMessage() + " (at position " + (start + 1) + ")");
        }
    }

    private Expression reference(String word, int start) {
        switch (word.toLowerCase(Locale.ROOT)) {
            case "true":
                return new Expression.Literal(Boolean.TRUE);
            case "false":
                return new Expression.Literal(Boolean.FALSE);
            case "null":
                return new Expression.Literal(null);
            default:
                break;
        }
        Function<SequencedCommand, Object> ref = REFERENCES.get(word);
        if (ref != null) {
            return new Expression.Reference(word, ref);
        }
        if (word.equals("payload") || word.startsWith("payload.")) {
            return new Expression.PayloadPath(word.equals("payload") ? List.of()
                    : List.of(word.substring("payload.".length()).split("\\.")));
        }
        String head = word.contains(".") ? word.substring(0, word.indexOf('.')) : word;
        String hint;
        if (REFERENCES.containsKey(head)) {
            hint = " ('" + head + "' has no fields; only payload.<field> has)";
        } else if (isCloseTo(head, "payload")) {
            hint = " (did you mean payload" + word.substring(head.length()) + "?)";
        } else if (!word.contains(".")) {
            hint = " (text must be quoted: '" + word + "')";
        } else {
            hint = "";
        }
        pos = start;
        throw error("unknown name '" + word + "'" + hint, EXPECTED);
    }

    private String quoted() {
        int start = pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\'') {
                if (pos < text.length() && text.charAt(pos) == '\'') {
                    sb.append('\'');
                    pos++;
                } else {
                    return sb.toString();
                }
            } else {
                sb.append(c);
            }
        }
        pos = start;
        throw error("the quoted string is not closed", "a closing ' (write '' for a quote inside it)");
    }

    private Object number() {
        int start = pos;
        if (peek() == '-' || peek() == '+') {
            pos++;
        }
        while (pos < text.length() && (Character.isDigit(peek()) || ".eE".indexOf(peek()) >= 0
                || ((peek() == '-' || peek() == '+') && "eE".indexOf(text.charAt(pos - 1)) >= 0))) {
            pos++;
        }
        String literal = text.substring(start, pos);
        if (!atEnd() && isWordPart(peek())) {
            pos = start;
            throw error("'" + literal + peek() + "...' is not a number", "a number such as 12, -3 or 12.30");
        }
        try {
            BigDecimal value = new BigDecimal(literal);
            boolean integral = literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0;
            if (integral) {
                try {
                    return value.longValueExact();
                } catch (ArithmeticException tooBig) {
                    return value;
                }
            }
            return value;
        } catch (NumberFormatException e) {
            pos = start;
            throw error("'" + literal + "' is not a number", "a number such as 12, -3 or 12.30");
        }
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && (isWordPart(peek()) || (peek() == '.' || peek() == '-') && pos > start)) {
            pos++;
        }
        String word = text.substring(start, pos);
        if (word.endsWith(".") || word.contains("..")) {
            pos = start;
            throw error("'" + word + "' has an empty field name", "payload.field.subfield");
        }
        return word;
    }

    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || (c >= '0' && c <= '9');
    }

    private static boolean isCloseTo(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = Character.toLowerCase(a.charAt(i - 1)) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()] <= 2;
    }

    private SyntaxError error(String problem, String expected) {
        return new SyntaxError(problem + " at position " + (pos + 1) + " of \"" + text + "\"; " + expected);
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }
}
