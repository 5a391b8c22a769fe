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
    JmsPoolConnectionFactory jmsConnectionFactory(BrokerUrl url) {
        ActiveMQConnectionFactory artemis = new ActiveMQConnectionFactory(url.url(), url.user(), url.password());
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(artemis);
        pool.setMaxConnections(4);
        pool.setMaxSessionsPerConnection(100);
        return pool;
    }

    /** Named for the routes: {@code jms-batch:queue:biz.commands}. */
    @Bean("jms-batch")
    JmsBatchComponent jmsBatchComponent(JmsPoolConnectionFactory connectionFactory) {
        return new JmsBatchComponent(connectionFactory);
    }

    @Bean
    StoreQueues storeQueues(BrokerUrl url) {
        return new StoreQueues(url.url(), url.user(), url.password());
    }

    public record BrokerUrl(String url, String user, String password) {

        @Override
        public String toString() {
            return "BrokerUrl[url=" + url + ", user=" + user + ", password=******]";
        }
    }
}
