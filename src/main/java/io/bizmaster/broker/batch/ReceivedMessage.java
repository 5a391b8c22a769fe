package io.bizmaster.broker.batch;

/** One message of a batch, as the intake needs it: the exact bytes and the broker's id for it. */
public record ReceivedMessage(byte[] body, String messageId, String groupId) {
}
