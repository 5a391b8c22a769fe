package io.bizmaster.broker.batch;

import java.util.Map;

/**
 * One message of a batch, as the intake needs it: the exact bytes, the broker's id for it, its group, and its own
 * properties through the endpoint's header filter.
 */
public record ReceivedMessage(byte[] body, String messageId, String groupId, Map<String, Object> headers) {

    public ReceivedMessage(byte[] body, String messageId, String groupId) {
        this(body, messageId, groupId, Map.of());
    }
}
