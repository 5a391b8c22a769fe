package io.bizmaster.log;

import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The command log lives in the business store: Spring Boot's DataSource, migrated by Flyway (db/log). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LogProperties.class)
public class LogConfiguration {

    @Bean
    CommandLog commandLog(DataSource businessStore, LogProperties properties) {
        return new CommandLog(businessStore, properties.tailEntries());
    }
}
