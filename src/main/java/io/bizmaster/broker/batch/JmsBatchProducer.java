package io.bizmaster.broker.batch;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.support.DefaultProducer;

/** Sends the exchange's body, with its simple headers as properties, within the batch's transaction. */
class JmsBatchProducer extends DefaultProducer {

    private final JmsBatchEndpoint endpoint;

    JmsBatchProducer(JmsBatchEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        BatchSession batch = exchange.getProperty(BatchSession.PROPERTY, BatchSession.class);
        if (batch == null) {
            throw new IllegalStateException(endpoint.getEndpointUri() + " sends only within a jms-batch consumer's "
                    + "transaction; use the jms component elsewhere");
        }
        MessageProducer producer = batch.producer(endpoint.getDestinationName(), endpoint.isTopic());
        Message message = batch.session().createTextMessage(exchange.getMessage().getBody(String.class));
        HeaderFilterStrategy filter = endpoint.getHeaderFilterStrategy();
        for (Map.Entry<String, Object> header : exchange.getMessage().getHeaders().entrySet()) {
            Object value = header.getValue();
            boolean simple = value instanceof String || value instanceof Number || value instanceof Boolean;
            if (simple && (filter == null || !filter.applyFilterToCamelHeaders(header.getKey(), value, exchange))) {
                message.setObjectProperty(header.getKey(), value);
            }
        }
        producer.send(message, DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY, Message.DEFAULT_TIME_TO_LIVE);
    }
}
