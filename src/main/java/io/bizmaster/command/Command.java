package io.bizmaster.command;

import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * A business command as an AppCenter posts it: the envelope of the brief.
 *
 * @param id       unique, the idempotency key
 * @param type     e.g. {@code customer.renamed}; must be declared in the command catalogue
 * @param key      the business entity it touches; ordering is per key
 * @param payload  type-specific fields, validated against the catalogue
 * @param source   the posting application
 * @param issuedAt when the application issued it
 */
public record Command(String id, String type, String key, ObjectNode payload, String source, Instant issuedAt) {
}
