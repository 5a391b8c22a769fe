package io.bizmaster.apply;

import io.bizmaster.broker.StoreQueues;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreRegistry;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops feeding a store while the application runs (a migration attaches its target, completes
 * by detaching the old store, or is cancelled). The queue is bound first and deleted last, so a store is
 * either fed from a known sequence number on or not at all.
 */
public class StoreFeeds {

    private static final Logger LOG = LoggerFactory.getLogger(StoreFeeds.class);

    private final StoreRegistry stores;
    private final StoreQueues queues;
    private final StoreRoutes routes;
    private final CamelContext camel;

    public StoreFeeds(StoreRegistry stores, StoreQueues queues, StoreRoutes routes, CamelContext camel) {
        this.stores = stores;
        this.queues = queues;
        this.routes = routes;
        this.camel = camel;
    }

    /** Binds the store's queue: every feed message published from now on waits there for it. */
    public void bind(String name) {
        queues.bind(name);
    }

    /** Binds the queue (if not yet) and starts the store's apply route, which catches up from its checkpoint. */
    public void attach(String name) throws Exception {
        Store store = stores.get(name);
        queues.bind(name);
        String routeId = StoreRoutes.routeId(name);
        if (camel.getRoute(routeId) == null) {
            routes.addRoute(camel, store);
            LOG.info("Store '{}' attached at checkpoint {}: route {} follows the feed", name, store.knownCheckpoint(), routeId);
        }
        if (!store.paused()) {
            routes.ringDoorbell(camel, store);
        }
    }

    /** Stops and removes the store's apply route, then deletes its queue. */
    public void detach(String name) throws Exception {
        String routeId = StoreRoutes.routeId(name);
        if (camel.getRoute(routeId) != null) {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
        }
        queues.unbind(name);
        LOG.info("Store '{}' detached: no route, no queue", name);
    }
}
