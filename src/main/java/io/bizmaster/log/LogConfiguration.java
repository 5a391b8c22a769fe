package io.bizmaster.log;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The command log lives in the business store: Spring Boot's DataSource, migrated by Flyway (db/log). */
@Configuration(proxyBeanMethods = false)
public class LogConfiguration {

    @Bean
    CommandLog commandLog(DataSource businessStore) {
        return new CommandLog(businessStore);
    }
}
