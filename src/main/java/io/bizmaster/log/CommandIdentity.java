package io.bizmaster.log;

import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether a command that reuses a logged id is the same command sent again (a retry: harmless, nothing new is logged)
 * or a different one under the same id (a sender's bug that would otherwise be dropped without a word). Type, key and
 * payload make the command; the envelope's {@code issuedAt} and {@code source} may differ between retries. Payloads
 * are compared as JSON values, so field order and spacing do not matter.
 */
final class CommandIdentity {

    private final JsonMapper json = JsonMapper.builder().build();

    boolean same(NewEntry candidate, LogEntry logged) {
        return Objects.equals(candidate.type(), logged.type()) && Objects.equals(candidate.key(), logged.key())
                && Objects.equals(payload(candidate.body()), payload(logged.body()));
    }

    /** A command as a sender's body reads, for {@link #same}: its type and key fields, as the envelope names them. */
    NewEntry probe(String id, String body) {
        JsonNode tree = tree(body);
        return NewEntry.accepted(id, null, text(tree, "type"), text(tree, "key"), null, null, body);
    }

    /** What differs, for the rejection: the first of type, key, payload. */
    String difference(NewEntry candidate, LogEntry logged) {
        if (!Objects.equals(candidate.type(), logged.type())) {
            return "type '" + candidate.type() + "', logged as '" + logged.type() + "'";
        }
        if (!Objects.equals(candidate.key(), logged.key())) {
            return "key '" + candidate.key() + "', logged as '" + logged.key() + "'";
        }
        return "payload";
    }

    private JsonNode payload(String body) {
        JsonNode tree = tree(body);
        return tree == null ? null : tree.get("payload");
    }

    private JsonNode tree(String body) {
        if (body == null) {
            return null;
        }
        try {
            return json.readTree(body.startsWith("\uFEFF") ? body.substring(1) : body);
        } catch (JacksonException e) {
            return null; // an accepted entry always parses; a body that does not is no evidence of sameness
        }
    }

    private static String text(JsonNode tree, String field) {
        JsonNode node = tree == null ? null : tree.get(field);
        return node != null && node.isString() ? node.asString() : null;
    }
}
