package io.bizmaster.log;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;

/**
 * The command log lives in the business store: one switchable DataSource ({@link BusinessDataSource}), configured by
 * {@code spring.datasource.*} and found through any redirect a log move left there, migrated by Flyway (db/log).
 * Being the only DataSource bean, it replaces Spring Boot's own pool.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LogProperties.class)
public class LogConfiguration {

    @Bean
    BusinessStorePools businessStorePools(Environment environment) {
        return new BusinessStorePools(environment);
    }

    @Bean
    BusinessDataSource businessStore(DataSourceProperties properties, BusinessStorePools pools) {
        return new BusinessStoreLocator(pools).locate(
                pools.open(properties.determineUrl(), properties.determineUsername(), properties.determinePassword()));
    }

    @Bean
    @DependsOn("flywayInitializer")
    CommandLog commandLog(BusinessDataSource businessStore, LogProperties properties) {
        BusinessStoreCheck.check(businessStore, JdbcUrls.masked(businessStore.current().getJdbcUrl()));
        return new CommandLog(businessStore, properties.tailEntries());
    }
}
