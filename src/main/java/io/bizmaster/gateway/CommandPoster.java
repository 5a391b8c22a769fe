package io.bizmaster.gateway;

import io.bizmaster.broker.Destinations;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts commands to the intake queues ({@code biz.commands}, a named domain's {@code biz.domain.NAME}) the way an
 * AppCenter should: persistent, in transactions of many messages (one journal sync per transaction, not per message),
 * grouped by key, and with a duplicate-detection id made from the exact bytes, so a retried send of the same message
 * is dropped by the broker while a corrected command with the same id still gets through.
 *
 * <p>A post the broker does not answer is posted again, a bounded number of times: an Artemis client that waits
 * longer than its call timeout for an answer fails the whole connection, and every session on it, so the sessions a
 * post was using are gone even though the broker may have committed. The duplicate-detection ids make the second post
 * safe: what the broker already holds is dropped.
 */
public class CommandPoster {

    private static final Logger LOG = LoggerFactory.getLogger(CommandPoster.class);
    private static final int PER_TRANSACTION = 500;
    static final int ATTEMPTS = 3;
    private static final long RETRY_PAUSE_MILLIS = 500;

    private final ConnectionFactory connectionFactory;
    private final byte[] duplicateIdKey;

    /** A poster whose duplicate-detection ids anyone can compute: what any AppCenter's own client does. */
    public CommandPoster(ConnectionFactory connectionFactory) {
        this(connectionFactory, null);
    }

    /**
     * @param duplicateIdKey a secret the duplicate-detection ids are keyed with (HMAC), or null for a plain hash. Keyed,
     *                       another sender cannot send a message under the id of a post it expects and so make the
     *                       broker drop the real one as a duplicate.
     */
    public CommandPoster(ConnectionFactory connectionFactory, byte[] duplicateIdKey) {
        this.connectionFactory = connectionFactory;
        this.duplicateIdKey = duplicateIdKey == null ? null : duplicateIdKey.clone();
    }

    /** Sends all messages to this intake queue (a domain's, {@code biz.domain.NAME}); returns how many were committed. */
    public int post(String queue, List<OutgoingCommand> commands) throws JMSException {
        return post(commands.stream().map(c -> new OutgoingCommand(c.body(), c.id(), c.key(), c.type(), queue)).toList());
    }

    /** Sends all messages, each to its own queue; returns how many were committed to the broker. */
    public int post(List<OutgoingCommand> commands) throws JMSException {
        for (int attempt = 1; ; attempt++) {
            try {
                return postOnce(commands);
            } catch (JMSException e) {
                if (attempt == ATTEMPTS || !worthAnotherAttempt(e)) {
                    throw e;
                }
                long pause = RETRY_PAUSE_MILLIS * attempt;
                LOG.warn("Posting {} command(s) (first id {}): the broker failed or did not answer ({}); posting them again "
                        + "in {} ms, attempt {} of {} (the broker drops what it already holds)", commands.size(),
                        commands.isEmpty() ? "-" : commands.get(0).id(), e.getMessage(), pause, attempt + 1, ATTEMPTS);
                pause(pause, e);
            }
        }
    }

    /** A refused login or a missing queue stays refused; a lost answer or a failed connection may not. */
    private static boolean worthAnotherAttempt(JMSException e) {
        return !(e instanceof JMSSecurityException) && !(e instanceof InvalidDestinationException);
    }

    private static void pause(long millis, JMSException cause) throws JMSException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }

    private int postOnce(List<OutgoingCommand> commands) throws JMSException {
        int sent = 0;
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageProducer producer = session.createProducer(null)) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            Queues queues = new Queues(session);
            int from = 0;
            for (int i = 0; i < commands.size(); i++) {
                producer.send(queues.of(commands.get(i)), toMessage(session, commands.get(i)));
                if (i + 1 - from == PER_TRANSACTION || i + 1 == commands.size()) {
                    sent += commit(session, connection, commands.subList(from, i + 1));
                    from = i + 1;
                }
            }
        }
        return sent;
    }

    /**
     * Commits one transaction's messages. A message the broker already holds (a retried post whose first
     * attempt committed before its answer was lost) makes the broker roll the whole transaction back, so a
     * retry would fail for ever; the messages are then sent again one at a time outside a transaction, where
     * the broker drops a duplicate and keeps the others.
     */
    private int commit(Session session, Connection connection, List<OutgoingCommand> messages) throws JMSException {
        try {
            session.commit();
            return messages.size();
        } catch (JMSException e) {
            if (!isDuplicate(e)) {
                throw e;
            }
            session.rollback();
            try (Session single = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                 MessageProducer producer = single.createProducer(null)) {
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                Queues queues = new Queues(single);
                for (OutgoingCommand command : messages) {
                    producer.send(queues.of(command), toMessage(single, command));
                }
            }
            return messages.size();
        }
    }

    /**
     * The intake queues of one session, looked up once each. One producer sends to all of them, so a post that mixes
     * domains is still one transaction (per {@value #PER_TRANSACTION} messages), and each queue gets its commands in
     * the posted order.
     */
    private static final class Queues {
        private final Session session;
        private final Map<String, Queue> byName = new HashMap<>();

        Queues(Session session) {
            this.session = session;
        }

        Queue of(OutgoingCommand command) throws JMSException {
            String name = command.queue() == null ? Destinations.COMMANDS : command.queue();
            Queue queue = byName.get(name);
            if (queue == null) {
                queue = session.createQueue(name);
                byName.put(name, queue);
            }
            return queue;
        }
    }

    /** Whether the broker refused the transaction because it already holds one of its messages. */
    private static boolean isDuplicate(JMSException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ActiveMQDuplicateIdException) {
                return true;
            }
        }
        return e.getLinkedException() instanceof ActiveMQDuplicateIdException;
    }

    private jakarta.jms.Message toMessage(Session session, OutgoingCommand command) throws JMSException {
        jakarta.jms.Message message;
        if (isUtf8Text(command.body())) {
            message = session.createTextMessage(new String(command.body(), StandardCharsets.UTF_8));
        } else {
            BytesMessage bytes = session.createBytesMessage();
            bytes.writeBytes(command.body());
            message = bytes;
        }
        message.setStringProperty("_AMQ_DUPL_ID", duplicateId(command.body()));
        if (command.key() != null) {
            message.setStringProperty("JMSXGroupID", command.key());
        }
        return message;
    }

    private static boolean isUtf8Text(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private String duplicateId(byte[] body) {
        try {
            if (duplicateIdKey == null) {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(duplicateIdKey, "HmacSHA256"));
            return "k" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
