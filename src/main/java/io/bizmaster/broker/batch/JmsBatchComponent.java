package io.bizmaster.broker.batch;

import jakarta.jms.ConnectionFactory;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.spi.Metadata;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultHeaderFilterStrategy;

/**
 * {@code jms-batch:queue:NAME?batchSize=500&batchWait=5} consumes up to {@code batchSize} messages in one
 * transacted JMS session and hands them to the route as one exchange (a {@code List<ReceivedMessage>});
 * {@code jms-batch:topic:NAME} and {@code jms-batch:queue:NAME} as producers send within that session.
 * The session commits when the exchange completes and rolls back when it fails. Camel's jms component
 * commits per message: one journal sync per message, a few hundred per second; a batch pays one.
 */
@org.apache.camel.spi.annotations.Component("jms-batch")
public class JmsBatchComponent extends DefaultComponent {

    @Metadata(label = "common", autowired = true, description = "The JMS connection factory; each consumer holds one connection of its own from it")
    private ConnectionFactory connectionFactory;

    @Metadata(label = "advanced", description = "Which JMS properties become Camel headers and the reverse; by default "
            + "the broker's own (JMS*, _AMQ*) and Camel's internal headers are left out")
    private HeaderFilterStrategy headerFilterStrategy = defaultStrategy();

    public JmsBatchComponent() {
    }

    public JmsBatchComponent(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        int colon = remaining.indexOf(':');
        String type = colon < 0 ? "" : remaining.substring(0, colon);
        if (!type.equals("queue") && !type.equals("topic")) {
            throw new IllegalArgumentException("jms-batch endpoint '" + uri + "' must name queue:NAME or topic:NAME");
        }
        String name = remaining.substring(colon + 1);
        if (name.isBlank()) {
            throw new IllegalArgumentException("jms-batch endpoint '" + uri + "' names no destination after '" + type + ":'");
        }
        if (connectionFactory == null) {
            throw new IllegalStateException("jms-batch needs a JMS connection factory (set connectionFactory)");
        }
        JmsBatchEndpoint endpoint = new JmsBatchEndpoint(uri, this, type, name);
        endpoint.setHeaderFilterStrategy(headerFilterStrategy);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public ConnectionFactory getConnectionFactory() {
        return connectionFactory;
    }

    public void setConnectionFactory(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    public HeaderFilterStrategy getHeaderFilterStrategy() {
        return headerFilterStrategy;
    }

    public void setHeaderFilterStrategy(HeaderFilterStrategy headerFilterStrategy) {
        this.headerFilterStrategy = headerFilterStrategy;
    }

    private static HeaderFilterStrategy defaultStrategy() {
        DefaultHeaderFilterStrategy strategy = new DefaultHeaderFilterStrategy();
        strategy.setInFilterStartsWith("JMS", "_AMQ", "__AMQ", "Camel", "camel", "org.apache.camel.");
        strategy.setOutFilterStartsWith("JMS", "_AMQ", "__AMQ", "Camel", "camel", "org.apache.camel.");
        return strategy;
    }
}
