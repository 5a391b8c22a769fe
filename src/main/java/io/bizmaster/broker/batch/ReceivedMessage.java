package io.bizmaster.broker.batch;

import java.util.Map;

/**
 * One message of a batch, as the intake needs it: the exact bytes, the broker's id for it, its group, its own
 * properties through the endpoint's header filter, and, when its body was not read, why.
 *
 * @param refusal why the body was not read (not text or bytes, too large, unreadable), or null when it was
 */
public record ReceivedMessage(byte[] body, String messageId, String groupId, Map<String, Object> headers, String refusal) {

    public ReceivedMessage(byte[] body, String messageId, String groupId, Map<String, Object> headers) {
        this(body, messageId, groupId, headers, null);
    }

    public ReceivedMessage(byte[] body, String messageId, String groupId) {
        this(body, messageId, groupId, Map.of(), null);
    }

    static ReceivedMessage refused(String messageId, String groupId, Map<String, Object> headers, String reason) {
        return new ReceivedMessage(new byte[0], messageId, groupId, headers, reason);
    }
}
