package io.bizmaster.broker.batch;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code consumerCount} threads, each with one transacted session: receive a batch, process it as one exchange,
 * commit or roll back. A rolled-back batch goes back to the head of the queue; the thread waits (backoffInitialDelay,
 * doubling up to backoffMaxDelay) before taking it again, so a business store that is down is not hammered.
 */
class JmsBatchConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(JmsBatchConsumer.class);
    private static final long IDLE_RECEIVE_MILLIS = 50;
    /** What Artemis sets on a large message: its body's size, known before the body is streamed to the client. */
    private static final String LARGE_SIZE = "_AMQ_LARGE_SIZE";

    private final JmsBatchEndpoint endpoint;
    private final BatchHealth health;
    private volatile boolean running;
    private ExecutorService executor;

    JmsBatchConsumer(JmsBatchEndpoint endpoint, Processor processor, BatchHealth health) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.health = health;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        running = true;
        executor = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "jms-batch[" + endpoint.getDestinationName() + "]", endpoint.getConsumerCount());
        for (int i = 0; i < endpoint.getConsumerCount(); i++) {
            executor.submit(this::run);
        }
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        // A consumer backing off would otherwise keep the stop (a cut-over's freeze) waiting for its delay.
        endpoint.retryWait().wake();
        if (executor != null) {
            executor.shutdown();
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("jms-batch[{}] did not finish its batch in 30 s; the broker redelivers it", endpoint.getDestinationName());
                executor.shutdownNow();
            }
        }
        super.doStop();
    }

    private void run() {
        while (running) {
            try (Connection connection = endpoint.connectionFactory().createConnection();
                 Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                 MessageConsumer consumer = session.createConsumer(session.createQueue(endpoint.getDestinationName()))) {
                connection.start();
                BatchSession batchSession = new BatchSession(session);
                long backoff = 0;
                while (running) {
                    List<Message> batch = receiveBatch(consumer);
                    if (batch.isEmpty()) {
                        continue;
                    }
                    long mark = endpoint.retryWait().mark();
                    if (process(batch, batchSession)) {
                        backoff = 0;
                    } else {
                        // The batch is back at the head of the queue; wait before taking it again.
                        backoff = Math.min(Math.max(backoff * 2, endpoint.getBackoffInitialDelay()), endpoint.getBackoffMaxDelay());
                        endpoint.retryWait().await(backoff, mark);
                    }
                }
            } catch (Throwable e) {
                // Whatever it is (the broker gone, an Error), this thread must not die silently: the intake would stop.
                health.failed(e);
                if (running) {
                    LOG.warn("jms-batch[{}]: {}; reconnecting in {} ms", endpoint.getDestinationName(), e,
                            endpoint.getReconnectDelay());
                    sleep(endpoint.getReconnectDelay());
                }
            }
        }
    }

    private List<Message> receiveBatch(MessageConsumer consumer) throws JMSException {
        List<Message> batch = new ArrayList<>();
        // Short, so that stopping the route (a cut-over's freeze) waits at most this long for an idle receive.
        Message first = consumer.receive(IDLE_RECEIVE_MILLIS);
        if (first == null) {
            return batch;
        }
        batch.add(first);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(endpoint.getBatchWait());
        while (batch.size() < endpoint.getBatchSize()) {
            Message next = consumer.receiveNoWait();
            if (next == null) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                next = left > 0 ? consumer.receive(left) : null;
                if (next == null) {
                    break;
                }
            }
            batch.add(next);
        }
        return batch;
    }

    /** Returns whether the batch was committed. */
    private boolean process(List<Message> batch, BatchSession batchSession) throws JMSException {
        Session session = batchSession.session();
        Exchange exchange = createExchange(false);
        try {
            List<ReceivedMessage> received = new ArrayList<>(batch.size());
            for (Message message : batch) {
                received.add(received(message, exchange));
            }
            exchange.getMessage().setBody(received);
            exchange.setProperty(BatchSession.PROPERTY, batchSession);
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        boolean committed = exchange.getException() == null;
        if (committed) {
            session.commit();
            health.committed(batch.size());
        } else {
            health.failed(exchange.getException());
            session.rollback();
            getExceptionHandler().handleException("jms-batch[" + endpoint.getDestinationName() + "]: a batch of " + batch.size()
                    + " messages failed and was rolled back; it is taken again, in order", exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
        return committed;
    }

    /** The message's own properties, through the endpoint's header filter: what a step of the route may read. */
    private Map<String, Object> headers(Message message, Exchange exchange) throws JMSException {
        HeaderFilterStrategy filter = endpoint.getHeaderFilterStrategy();
        Map<String, Object> headers = null;
        for (Enumeration<?> names = message.getPropertyNames(); names.hasMoreElements(); ) {
            String name = String.valueOf(names.nextElement());
            Object value = message.getObjectProperty(name);
            if (filter == null || !filter.applyFilterToExternalHeaders(name, value, exchange)) {
                if (headers == null) {
                    headers = new HashMap<>();
                }
                headers.put(name, value);
            }
        }
        return headers == null ? Map.of() : headers;
    }

    /**
     * One message as the route gets it. Never throws for what a sender put in the message: a body that is not text
     * or bytes, one too large, or one that cannot be read becomes a refusal the route records, so one message can
     * never hold the batch (and the queue behind it) for ever. An ObjectMessage is never deserialised.
     */
    private ReceivedMessage received(Message message, Exchange exchange) throws JMSException {
        String id = message.getJMSMessageID();
        String group = message.getStringProperty("JMSXGroupID");
        Map<String, Object> headers = headers(message, exchange);
        String kind = kindOf(message);
        if (kind != null) {
            return ReceivedMessage.refused(id, group, headers, "the message is a JMS " + kind + ", which BizMaster does not "
                    + "read" + (kind.equals("ObjectMessage") ? " (a serialised Java object is never deserialised here)" : "")
                    + "; post the command as JSON in a text or bytes message");
        }
        long max = endpoint.getMaxBodyBytes();
        try {
            long announced = announcedSize(message);
            if (announced > max) {
                return ReceivedMessage.refused(id, group, headers, tooLarge(announced, max));
            }
            if (message instanceof BytesMessage bytes) {
                long length = bytes.getBodyLength();
                if (length > max) {
                    return ReceivedMessage.refused(id, group, headers, tooLarge(length, max));
                }
                byte[] body = new byte[(int) length];
                bytes.readBytes(body);
                return new ReceivedMessage(body, id, group, headers);
            }
            if (message instanceof TextMessage text) {
                String value = text.getText();
                return new ReceivedMessage(value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8), id, group,
                        headers);
            }
            return new ReceivedMessage(new byte[0], id, group, headers); // a JMS Message without a body
        } catch (JMSException | RuntimeException e) {
            return ReceivedMessage.refused(id, group, headers, "the message body cannot be read: " + e);
        }
    }

    private static String kindOf(Message message) {
        if (message instanceof ObjectMessage) {
            return "ObjectMessage";
        }
        if (message instanceof MapMessage) {
            return "MapMessage";
        }
        if (message instanceof StreamMessage) {
            return "StreamMessage";
        }
        return null;
    }

    /** The size the broker announces for a large message (streamed, not yet in memory); -1 when none. */
    private static long announcedSize(Message message) throws JMSException {
        return message.propertyExists(LARGE_SIZE) ? message.getLongProperty(LARGE_SIZE) : -1;
    }

    private static String tooLarge(long size, long max) {
        return String.format(Locale.ENGLISH, "command is %,d bytes, over the %,d-byte limit (not read)", size, max);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
