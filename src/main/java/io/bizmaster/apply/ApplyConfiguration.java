package io.bizmaster.apply;

import io.bizmaster.domain.Domains;
import io.bizmaster.convert.CatalogueAgreement;
import io.bizmaster.convert.ConverterRegistry;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.LoggedCommands;
import io.bizmaster.store.StoreControl;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.store.StoresProperties;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

@Configuration(proxyBeanMethods = false)
public class ApplyConfiguration {

    @Bean
    @DependsOn("flywayInitializer")
    ApplyFailures applyFailures(DataSource businessStore) {
        return new ApplyFailures(businessStore);
    }

    @Bean
    StoreReset storeReset(StoreRegistry stores, ConverterRegistry converters) {
        return new StoreReset(stores, converters);
    }

    @Bean
    CatalogueAgreement catalogueAgreement(Domains domains) {
        return new CatalogueAgreement(domains::type);
    }

    @Bean
    ConverterSwitch converterSwitch(StoreRegistry stores, ConverterRegistry converters, StoreControl control,
                                    CatalogueAgreement agreement) {
        return new ConverterSwitch(stores, converters, control, agreement);
    }

    /**
     * Before Camel starts a route: every reachable store is checked against its converter and the catalogue, and a
     * mismatch stops start-up with every problem of every store (a store that is down is checked when it is switched).
     */
    @Bean
    StoreFitCheck storeFitCheck(StoreRegistry stores, ConverterRegistry converters, ConverterSwitch converterSwitch,
                                CommandLog log, StoreControl control) {
        return new StoreFitCheck(stores, converters, converterSwitch, log, control);
    }

    @Bean
    Parking parking(StoreRegistry stores, StoreApplier applier) {
        return new Parking(stores, applier);
    }

    @Bean
    LoggedCommands loggedCommands() {
        return new LoggedCommands();
    }

    @Bean
    LogReadAhead logReadAhead(CommandLog log, LoggedCommands loggedCommands) {
        return new LogReadAhead(log, loggedCommands);
    }

    /** Named for the store-apply route template in routes/store-apply.camel.yaml. */
    @Bean
    StoreApplier storeApplier(StoreRegistry stores, CommandLog log, ConverterRegistry converters, ApplyFailures failures,
                              java.util.List<ApplyListener> listeners, LoggedCommands loggedCommands,
                              LogReadAhead readAhead, StoresProperties properties, Domains domains) {
        return new StoreApplier(stores, log, converters, failures, listeners, loggedCommands, readAhead, domains,
                properties.applyBatch());
    }
}
