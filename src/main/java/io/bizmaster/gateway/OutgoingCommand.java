package io.bizmaster.gateway;



/**
 * One message to post to {@code biz.commands}: the exact bytes, plus the key and id when they could be
 * read (the key becomes the JMS group, so one key's commands stay in order across consumers).
 */
public record OutgoingCommand(byte[] body, String id, String key) {
}
