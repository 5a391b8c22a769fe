package io.bizmaster.broker.batch;

import jakarta.jms.ConnectionFactory;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.spi.HeaderFilterStrategyAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** Consumes a queue in batches of one transaction each, or sends within the batch's transaction. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "jms-batch", title = "JMS Batch", syntax = "jms-batch:destinationType:destinationName",
             category = { Category.MESSAGING })
public class JmsBatchEndpoint extends DefaultEndpoint implements HeaderFilterStrategyAware {

    @UriPath(enums = "queue,topic", defaultValue = "queue", description = "queue, or topic (producers only)")
    @Metadata(required = true)
    private final String destinationType;
    @UriPath(description = "The destination's name, e.g. biz.commands")
    @Metadata(required = true)
    private final String destinationName;
    @UriParam(label = "consumer", defaultValue = "500", description = "Most messages in one transaction")
    private int batchSize = 500;
    @UriParam(label = "consumer", defaultValue = "5", description = "Milliseconds a started batch waits for more "
            + "messages: the latency batching may add")
    private long batchWait = 5;
    @UriParam(label = "consumer", defaultValue = "1", description = "Consumer threads, each with its own session. More "
            + "than one gives up order between messages unless the senders set JMSXGroupID")
    private int consumerCount = 1;
    @UriParam(label = "consumer", defaultValue = "500", description = "Milliseconds to wait after a batch failed (and was "
            + "rolled back) before taking it again; doubled after each further failure")
    private long backoffInitialDelay = 500;
    @UriParam(label = "consumer", defaultValue = "30000", description = "Longest wait between two attempts at a failing batch")
    private long backoffMaxDelay = 30_000;
    @UriParam(label = "consumer", defaultValue = "1000", description = "Milliseconds to wait before reconnecting when the "
            + "connection to the broker is lost")
    private long reconnectDelay = 1_000;
    @UriParam(label = "consumer", defaultValue = "9223372036854775807", description = "The largest body read, in bytes: "
            + "a larger message is handed to the route as refused, its body never read into memory (the size of a bytes "
            + "message or of a large message is known before its body is)")
    private long maxBodyBytes = Long.MAX_VALUE;
    @UriParam(label = "advanced", description = "Which JMS properties become Camel headers and the reverse")
    private HeaderFilterStrategy headerFilterStrategy;
    private final BatchHealth health = new BatchHealth();
    private final RetryWait retryWait = new RetryWait();

    JmsBatchEndpoint(String uri, JmsBatchComponent component, String destinationType, String destinationName) {
        super(uri, component);
        this.destinationType = destinationType;
        this.destinationName = destinationName;
    }

    @Override
    public JmsBatchComponent getComponent() {
        return (JmsBatchComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new JmsBatchProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (isTopic()) {
            throw new IllegalArgumentException("jms-batch consumes from queues only: " + getEndpointUri());
        }
        if (batchSize < 1 || consumerCount < 1 || batchWait < 0 || backoffInitialDelay < 1 || backoffMaxDelay < backoffInitialDelay) {
            throw new IllegalArgumentException(getEndpointUri() + ": batchSize and consumerCount must be at least 1, batchWait "
                    + "at least 0, backoffInitialDelay at least 1 and backoffMaxDelay at least backoffInitialDelay");
        }
        JmsBatchConsumer consumer = new JmsBatchConsumer(this, processor, health);
        configureConsumer(consumer);
        return consumer;
    }

    ConnectionFactory connectionFactory() {
        return getComponent().getConnectionFactory();
    }

    public String getDestinationType() {
        return destinationType;
    }

    public String getDestinationName() {
        return destinationName;
    }

    public boolean isTopic() {
        return destinationType.equals("topic");
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public long getBatchWait() {
        return batchWait;
    }

    public void setBatchWait(long batchWait) {
        this.batchWait = batchWait;
    }

    public int getConsumerCount() {
        return consumerCount;
    }

    public void setConsumerCount(int consumerCount) {
        this.consumerCount = consumerCount;
    }

    public long getBackoffInitialDelay() {
        return backoffInitialDelay;
    }

    public void setBackoffInitialDelay(long backoffInitialDelay) {
        this.backoffInitialDelay = backoffInitialDelay;
    }

    public long getBackoffMaxDelay() {
        return backoffMaxDelay;
    }

    public void setBackoffMaxDelay(long backoffMaxDelay) {
        this.backoffMaxDelay = backoffMaxDelay;
    }

    public long getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** How this endpoint's consumers fare. */
    /** Ends the back-off of every consumer now: what failed their batches (the business store) answers again. */
    public void wake() {
        retryWait.wake();
    }

    RetryWait retryWait() {
        return retryWait;
    }

    public BatchHealth.Status health() {
        return health.status();
    }

    public long getReconnectDelay() {
        return reconnectDelay;
    }

    public void setReconnectDelay(long reconnectDelay) {
        this.reconnectDelay = reconnectDelay;
    }

    @Override
    public HeaderFilterStrategy getHeaderFilterStrategy() {
        return headerFilterStrategy;
    }

    @Override
    public void setHeaderFilterStrategy(HeaderFilterStrategy headerFilterStrategy) {
        this.headerFilterStrategy = headerFilterStrategy;
    }
}
