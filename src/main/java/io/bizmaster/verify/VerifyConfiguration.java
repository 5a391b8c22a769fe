package io.bizmaster.verify;

import io.bizmaster.domain.Domains;
import io.bizmaster.domain.StoreFeed;
import io.bizmaster.definition.DefinitionLoader;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.StoresProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VerifyProperties.class)
public class VerifyConfiguration {

    /** Read at start-up: a projections file with an error stops the application, naming file and line. */
    @Bean
    Projections projections(StoresProperties stores, DefinitionLoader loader) {
        return new Projections(stores.convertersDir(), new ProjectionLoader(loader));
    }

    @Bean
    @DependsOn("flywayInitializer")
    ChangedKeys changedKeys(DataSource businessStore) {
        return new ChangedKeys(businessStore);
    }

    @Bean
    Verifier verifier(ChangedKeys changedKeys, VerifyProperties properties) {
        return new Verifier(changedKeys, properties.verifierSettings());
    }

    @Bean(destroyMethod = "close")
    Verifications verifications(StoreRegistry stores, Projections projections, Verifier verifier,
                                VerifyProperties properties) {
        return new Verifications(stores, projections, verifier, properties);
    }

    /** An ApplyListener bean: the store applier tells it about every committed batch. */
    @Bean(destroyMethod = "close")
    InlineVerifier inlineVerifier(StoreRegistry stores, Projections projections, ChangedKeys changedKeys,
                                  VerifyProperties properties, ObjectProvider<MeterRegistry> meters, Domains domains) {
        StoreFeed primaryFeed = new StoreFeed.DomainFeed(Domains.DEFAULT);
        InlineVerifier verifier = new InlineVerifier(stores, projections, changedKeys, properties.inline(),
                meters.getIfAvailable(SimpleMeterRegistry::new), store -> domains.feed(store).equals(primaryFeed));
        verifier.start();
        return verifier;
    }
}
