package io.bizmaster.broker.batch;

import jakarta.jms.ConnectionFactory;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code jms-batch:queue:NAME?batchSize=500&batchWait=5} consumes up to {@code batchSize} messages in one
 * transacted JMS session and hands them to the route as one exchange (a {@code List<ReceivedMessage>});
 * {@code jms-batch:topic:NAME} and {@code jms-batch:queue:NAME} as producers send within that session.
 * The session commits when the exchange completes and rolls back when it fails. Camel's jms component
 * commits per message: one journal sync per message, a few hundred per second; a batch pays one.
 */
public class JmsBatchComponent extends DefaultComponent {

    private final ConnectionFactory connectionFactory;

    public JmsBatchComponent(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        boolean topic;
        String destination;
        if (remaining.startsWith("queue:")) {
            topic = false;
            destination = remaining.substring("queue:".length());
        } else if (remaining.startsWith("topic:")) {
            topic = true;
            destination = remaining.substring("topic:".length());
        } else {
            throw new IllegalArgumentException("jms-batch endpoint '" + uri + "' must name queue:NAME or topic:NAME");
        }
        JmsBatchEndpoint endpoint = new JmsBatchEndpoint(uri, this, connectionFactory, destination, topic);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
