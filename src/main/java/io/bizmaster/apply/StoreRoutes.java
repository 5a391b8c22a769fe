package io.bizmaster.apply;

import io.bizmaster.broker.Destinations;
import io.bizmaster.broker.StoreQueues;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreControl;
import io.bizmaster.store.StoreRegistry;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One apply route per fed store, made from the {@code store-apply} template in {@code routes/}. Pausing a
 * store stops its route, so its commands wait in its queue; resuming starts it and rings its doorbell
 * with the log head, so it catches up from the log even if its queue holds nothing.
 */
public class StoreRoutes {

    public static final String TEMPLATE = "store-apply";
    private static final Logger LOG = LoggerFactory.getLogger(StoreRoutes.class);

    private final StoreRegistry stores;
    private final StoreQueues queues;
    private final StoreControl control;
    private final CommandLog log;

    public StoreRoutes(StoreRegistry stores, StoreQueues queues, StoreControl control, CommandLog log) {
        this.stores = stores;
        this.queues = queues;
        this.control = control;
        this.log = log;
    }

    public static String routeId(String store) {
        return "apply-" + store;
    }

    /** Before the intake may publish: a multicast address drops what no queue is bound to. */
    public void bindQueues() {
        stores.all().stream().filter(Store::fed).forEach(store -> queues.bind(store.name()));
    }

    /** Once Camel has loaded the route template. */
    public void addRoutes(CamelContext camel) throws Exception {
        for (Store store : stores.all()) {
            if (!store.fed()) {
                continue;
            }
            addRoute(camel, store);
            if (store.paused()) {
                LOG.info("Store '{}' is paused: its commands wait in {}", store.name(), Destinations.storeQueue(store.name()));
            } else {
                ringDoorbell(camel, store);
            }
        }
    }

    /** The store's apply route from the template; created stopped when the store is paused. */
    void addRoute(CamelContext camel, Store store) throws Exception {
        camel.addRouteFromTemplate(routeId(store.name()), TEMPLATE,
                Map.of("store", store.name(), "autoStartup", String.valueOf(!store.paused())));
    }

    public void pause(CamelContext camel, String name) throws Exception {
        Store store = stores.get(name);
        control.paused(name, true);
        store.paused(true);
        camel.getRouteController().stopRoute(routeId(name));
        LOG.info("Store '{}' paused at checkpoint {}: its commands wait in {}", name, store.knownCheckpoint(),
                Destinations.storeQueue(name));
    }

    public void resume(CamelContext camel, String name) throws Exception {
        Store store = stores.get(name);
        control.paused(name, false);
        store.paused(false);
        camel.getRouteController().startRoute(routeId(name));
        ringDoorbell(camel, store);
        LOG.info("Store '{}' resumed from checkpoint {}", name, store.knownCheckpoint());
    }

    void ringDoorbell(CamelContext camel, Store store) {
        long head = log.head();
        if (head <= store.knownCheckpoint()) {
            return;
        }
        try (ProducerTemplate producer = camel.createProducerTemplate()) {
            // A topic destination: the store queue is multicast, and the FQQN delivers to it alone.
            producer.sendBodyAndHeader("jms:topic:" + Destinations.storeQueueFqqn(store.name()), "", "BizSeq", head);
        } catch (Exception e) {
            throw new IllegalStateException("cannot wake store '" + store.name() + "': " + e.getMessage(), e);
        }
    }
}
