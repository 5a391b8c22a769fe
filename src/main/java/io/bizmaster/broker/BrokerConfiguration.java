package io.bizmaster.broker;

import io.bizmaster.broker.batch.JmsBatchComponent;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.artemis.autoconfigure.ArtemisProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({BrokerProperties.class, ArtemisProperties.class})
public class BrokerConfiguration {

    @Bean(initMethod = "start", destroyMethod = "stop")
    @ConditionalOnProperty(name = "bizmaster.broker.embedded", havingValue = "true", matchIfMissing = true)
    EmbeddedBroker embeddedBroker(BrokerProperties properties) {
        return new EmbeddedBroker(properties);
    }

    /** The URL this application uses: in-VM to its embedded broker, or {@code spring.artemis.broker-url}. */
    @Bean
    BrokerUrl brokerUrl(BrokerProperties broker, ArtemisProperties artemis, ObjectProvider<EmbeddedBroker> embedded) {
        // Resolving the embedded broker here makes every JMS user wait for it to be up.
        EmbeddedBroker own = embedded.getIfAvailable();
        if (own != null && artemis.getUser() == null) {
            return new BrokerUrl(broker.inVmUrl(), own.credentials().user(), own.credentials().password());
        }
        return new BrokerUrl(own != null ? broker.inVmUrl() : artemis.getBrokerUrl(), artemis.getUser(), artemis.getPassword());
    }

    @Bean(destroyMethod = "stop")
    JmsPoolConnectionFactory jmsConnectionFactory(BrokerUrl url, BrokerProperties broker) {
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(artemis(url, broker));
        pool.setMaxConnections(4);
        pool.setMaxSessionsPerConnection(100);
        return pool;
    }

    /**
     * The intake's connections: one per consumer, held until it fails, never shared through the pool. Artemis fails a
     * whole connection, every session on it, when one call on it goes unanswered past the call timeout; a sender's
     * unanswered commit must not take the intake's transaction down with it, nor the reverse.
     */
    @Bean(destroyMethod = "close")
    IntakeConnections intakeConnections(BrokerUrl url, BrokerProperties broker) {
        return new IntakeConnections(artemis(url, broker));
    }

    /** Named for the routes: {@code jms-batch:queue:biz.commands}. */
    @Bean("jms-batch")
    JmsBatchComponent jmsBatchComponent(IntakeConnections connections) {
        return new JmsBatchComponent(connections.factory());
    }

    private static ActiveMQConnectionFactory artemis(BrokerUrl url, BrokerProperties broker) {
        ActiveMQConnectionFactory artemis = new ActiveMQConnectionFactory(url.url(), url.user(), url.password());
        artemis.setCallTimeout(broker.callTimeout().toMillis());
        return artemis;
    }

    /** Not a {@code ConnectionFactory} bean: everything else that injects one gets the pool. */
    public record IntakeConnections(ActiveMQConnectionFactory factory) implements AutoCloseable {

        @Override
        public void close() {
            factory.close();
        }
    }

    @Bean
    StoreQueues storeQueues(BrokerUrl url) {
        return new StoreQueues(url.url(), url.user(), url.password());
    }

    /** Queues paused and resumed at the broker: the intake's freeze, a store's pause. */
    @Bean(destroyMethod = "close")
    BrokerQueueControl brokerQueueControl(BrokerUrl url, BrokerProperties broker) {
        return new BrokerQueueControl(url.url(), url.user(), url.password(), broker.callTimeout());
    }

    public record BrokerUrl(String url, String user, String password) {

        @Override
        public String toString() {
            return "BrokerUrl[url=" + url + ", user=" + user + ", password=******]";
        }
    }
}
