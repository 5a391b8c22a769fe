package io.bizmaster.apply;

import io.bizmaster.convert.ConverterRegistry;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreControl;
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
    private final CommandLog log;
    private final StoreControl control;

    public StoreFitCheck(StoreRegistry stores, ConverterRegistry converters, ConverterSwitch converterSwitch,
                         CommandLog log, StoreControl control) {
        this.stores = stores;
        this.converters = converters;
        this.converterSwitch = converterSwitch;
        this.log = log;
        this.control = control;
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
        pauseStoresPastTheHead();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the stores do not fit their converters and the command catalogue "
                    + "(commands/catalog.yaml):\n  - " + String.join("\n  - ", problems));
        }
    }

    /**
     * A store whose checkpoint is past this command log's head was fed from another log (a business store replaced or
     * wiped, a Redis kept while data/ was not): fed from this one, it would take the commands up to its checkpoint as
     * applied and skip them. It is paused instead, with the way out, until an operator rebuilds it.
     */
    private void pauseStoresPastTheHead() {
        long head = log.head();
        for (Store store : stores.all()) {
            if (store.prepared() && store.knownCheckpoint() > head && !store.paused()) {
                control.paused(store.name(), true);
                store.paused(true);
                LOG.error("Store '{}' is at seq {}, past this command log's head {}: its data comes from another command "
                        + "log, and fed from this one it would skip seq {} to {}. It is paused. Rebuild it from this log "
                        + "(replay --store {} --from 0, then store resume {}; a primary must be made a shadow first) or "
                        + "give BizMaster the business store it was fed from", store.name(), store.knownCheckpoint(), head,
                        head + 1, store.knownCheckpoint(), store.name(), store.name());
            }
        }
    }
}
