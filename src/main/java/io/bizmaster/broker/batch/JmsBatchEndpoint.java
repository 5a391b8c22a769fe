package io.bizmaster.broker.batch;

import jakarta.jms.ConnectionFactory;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

public class JmsBatchEndpoint extends DefaultEndpoint {

    private final ConnectionFactory connectionFactory;
    private final String destination;
    private final boolean topic;
    private int batchSize = 500;
    private long batchWait = 5;

    JmsBatchEndpoint(String uri, JmsBatchComponent component, ConnectionFactory connectionFactory, String destination,
                     boolean topic) {
        super(uri, component);
        this.connectionFactory = connectionFactory;
        this.destination = destination;
        this.topic = topic;
    }

    @Override
    public Producer createProducer() {
        return new JmsBatchProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (topic) {
            throw new IllegalArgumentException("jms-batch consumes from queues only: " + getEndpointUri());
        }
        JmsBatchConsumer consumer = new JmsBatchConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    ConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    String destination() {
        return destination;
    }

    boolean topic() {
        return topic;
    }

    public int getBatchSize() {
        return batchSize;
    }

    /** Most messages in one transaction. */
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public long getBatchWait() {
        return batchWait;
    }

    /** Milliseconds to wait for more messages once a batch has begun; bounds the latency batching adds. */
    public void setBatchWait(long batchWait) {
        this.batchWait = batchWait;
    }
}
