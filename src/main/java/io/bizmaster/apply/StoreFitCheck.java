package io.bizmaster.apply;

import io.bizmaster.convert.ConverterRegistry;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreRegistry;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * At start-up, once every bean exists and before Camel starts the routes: does every store fit its converter (the
 * tables and columns it writes exist) and the catalogue (every value the catalogue allows fits its column)? A mismatch
 * would otherwise park command after command; here it stops start-up, every problem of every store listed at once.
 */
public class StoreFitCheck implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(StoreFitCheck.class);

    private final StoreRegistry stores;
    private final ConverterRegistry converters;
    private final ConverterSwitch converterSwitch;

    public StoreFitCheck(StoreRegistry stores, ConverterRegistry converters, ConverterSwitch converterSwitch) {
        this.stores = stores;
        this.converters = converters;
        this.converterSwitch = converterSwitch;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> problems = new ArrayList<>();
        for (Store store : stores.all()) {
            if (!store.prepared()) {
                LOG.warn("Store '{}' is not reachable: its fit to converter {} and the catalogue is checked when it is "
                        + "switched or at the next start", store.name(), store.converter());
                continue;
            }
            try {
                problems.addAll(converterSwitch.problems(store, converters.get(store.converter())));
            } catch (SQLException | RuntimeException e) {
                problems.add("store '" + store.name() + "' (converter " + store.converter() + "): " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the stores do not fit their converters and the command catalogue "
                    + "(commands/catalog.yaml):\n  - " + String.join("\n  - ", problems));
        }
    }
}
