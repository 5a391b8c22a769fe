package io.bizmaster.gateway;

import jakarta.jms.ConnectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    @Bean
    CommandPoster commandPoster(ConnectionFactory connectionFactory) {
        return new CommandPoster(connectionFactory);
    }
}
