package io.bizmaster.gateway;

import io.bizmaster.broker.Destinations;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Posts commands to {@code biz.commands} the way an AppCenter should: persistent, in transactions of
 * many messages (one journal sync per transaction, not per message), grouped by key, and with a
 * duplicate-detection id made from the exact bytes, so a retried send of the same message is dropped
 * by the broker while a corrected command with the same id still gets through.
 */
public class CommandPoster {

    private static final int PER_TRANSACTION = 500;

    private final ConnectionFactory connectionFactory;

    public CommandPoster(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    /** Sends all messages; returns how many were committed to the broker. */
    public int post(List<OutgoingCommand> commands) throws JMSException {
        int sent = 0;
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageProducer producer = session.createProducer(session.createQueue(Destinations.COMMANDS))) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            int inTransaction = 0;
            for (OutgoingCommand command : commands) {
                producer.send(toMessage(session, command));
                if (++inTransaction == PER_TRANSACTION) {
                    session.commit();
                    sent += inTransaction;
                    inTransaction = 0;
                }
            }
            session.commit();
            sent += inTransaction;
        }
        return sent;
    }

    private static jakarta.jms.Message toMessage(Session session, OutgoingCommand command) throws JMSException {
        jakarta.jms.Message message;
        if (isUtf8Text(command.body())) {
            message = session.createTextMessage(new String(command.body(), StandardCharsets.UTF_8));
        } else {
            BytesMessage bytes = session.createBytesMessage();
            bytes.writeBytes(command.body());
            message = bytes;
        }
        message.setStringProperty("_AMQ_DUPL_ID", sha256(command.body()));
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

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
