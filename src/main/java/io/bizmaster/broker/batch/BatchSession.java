package io.bizmaster.broker.batch;

import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.HashMap;
import java.util.Map;

/**
 * The transacted JMS session a batch was received in, carried on the exchange so that what the route
 * sends joins the same transaction: consume, process and publish commit or roll back together.
 */
public final class BatchSession {

    /** Exchange property holding the batch's session. */
    public static final String PROPERTY = "BizMasterBatchSession";

    private final Session session;
    private final Map<String, MessageProducer> producers = new HashMap<>();

    BatchSession(Session session) {
        this.session = session;
    }

    public Session session() {
        return session;
    }

    MessageProducer producer(String destination, boolean topic) throws JMSException {
        MessageProducer producer = producers.get((topic ? "topic:" : "queue:") + destination);
        if (producer == null) {
            producer = session.createProducer(topic ? session.createTopic(destination) : session.createQueue(destination));
            producers.put((topic ? "topic:" : "queue:") + destination, producer);
        }
        return producer;
    }
}
