package io.bizmaster.gateway;

import io.bizmaster.broker.Destinations;

/**
 * One message to post: the exact bytes, the intake queue they go to, plus the key, id and type when they could be read
 * (the key becomes the JMS group, so one key's commands stay in order across consumers; the type says which domain's
 * queue).
 *
 * @param queue {@code biz.commands}, or a named domain's {@code biz.domain.NAME}
 */
public record OutgoingCommand(byte[] body, String id, String key, String type, String queue) {

    /** A message for the default domain's queue, {@code biz.commands}. */
    public OutgoingCommand(byte[] body, String id, String key) {
        this(body, id, key, null, Destinations.COMMANDS);
    }
}
