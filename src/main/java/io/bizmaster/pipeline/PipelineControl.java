package io.bizmaster.pipeline;

import io.bizmaster.broker.Destinations;
import io.bizmaster.broker.StoreQueues;
import io.bizmaster.broker.batch.BatchHealth;
import io.bizmaster.broker.batch.JmsBatchEndpoint;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreControl;
import io.bizmaster.store.StoreRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns what runs in the pipeline: the intake route(s) and one apply route per fed store. Every pause, resume,
 * freeze, attach and detach goes through here; nothing else touches the Camel context to start or stop a route.
 *
 * <p>The intake is found by what its route does, not by its id: every route that consumes {@code biz.commands}.
 * A user may rename it or split it in the route files; start-up refuses a set of routes that leaves no intake, or
 * one that consumes the queue without the {@code jms-batch} component (its messages would be acknowledged before
 * they are logged).
 *
 * <p>A store's apply route is made from the {@code store-apply} template. Pausing a store stops its route, so its
 * commands wait in its queue; resuming starts it and rings its doorbell with the log head, so it catches up from
 * the log even if its queue holds nothing. The freeze is not persisted on purpose: a restart starts the intake again.
 */
public class PipelineControl {

    public static final String STORE_TEMPLATE = "store-apply";
    private static final Logger LOG = LoggerFactory.getLogger(PipelineControl.class);

    private final CamelContext camel;
    private final StoreRegistry stores;
    private final StoreControl control;
    private final StoreQueues queues;
    private final CommandLog log;
    private volatile List<String> intakeRoutes = List.of();
    private volatile String freezeReason;
    private volatile long retryAfterSeconds = 1;

    public PipelineControl(CamelContext camel, StoreRegistry stores, StoreControl control, StoreQueues queues, CommandLog log) {
        this.camel = camel;
        this.stores = stores;
        this.control = control;
        this.queues = queues;
        this.log = log;
    }

    public static String applyRouteId(String store) {
        return "apply-" + store;
    }

    /** Before the intake may publish: a multicast address drops what no queue is bound to. */
    public void bindQueues() {
        stores.all().stream().filter(Store::fed).forEach(store -> queues.bind(store.name()));
    }

    /**
     * Once Camel has loaded the route files: finds the intake and starts one apply route per fed store.
     *
     * @throws IllegalStateException naming every route-file problem at once
     */
    public void start() throws Exception {
        intakeRoutes = findIntake(camel.getRoutes());
        LOG.info("Intake: route(s) {} consume {}", intakeRoutes, Destinations.COMMANDS);
        for (Store store : stores.all()) {
            if (!store.fed()) {
                continue;
            }
            addApplyRoute(store);
            if (store.paused()) {
                LOG.info("Store '{}' is paused: its commands wait in {}", store.name(), Destinations.storeQueue(store.name()));
            } else {
                ringDoorbell(store);
            }
        }
    }

    /** The routes that consume biz.commands; each must do so through jms-batch. */
    static List<String> findIntake(List<Route> routes) {
        List<String> intake = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Route route : routes) {
            Endpoint from = route.getEndpoint();
            if (from instanceof JmsBatchEndpoint batch && !batch.isTopic() && batch.getDestinationName().equals(Destinations.COMMANDS)) {
                intake.add(route.getRouteId());
            } else if (consumes(from, Destinations.COMMANDS)) {
                problems.add("route '" + route.getRouteId() + "' consumes " + Destinations.COMMANDS + " through " + from.getEndpointUri()
                        + ": the intake must use jms-batch:queue:" + Destinations.COMMANDS + ", which logs every message before it "
                        + "is acknowledged (routes/intake.camel.yaml)");
            }
        }
        if (intake.isEmpty()) {
            problems.add("no route consumes jms-batch:queue:" + Destinations.COMMANDS + ": the route files leave no intake, so "
                    + "no command would ever be logged (routes/intake.camel.yaml)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the routes cannot run BizMaster:\n  - " + String.join("\n  - ", problems));
        }
        return List.copyOf(intake);
    }

    private static boolean consumes(Endpoint endpoint, String queue) {
        String path = endpoint.getEndpointUri().replaceFirst("^[A-Za-z0-9+.-]+:(//)?", "").replaceFirst("\\?.*$", "");
        path = path.toLowerCase(Locale.ROOT).replaceFirst("^queue:", "");
        return path.equals(queue);
    }

    public List<String> intakeRoutes() {
        return intakeRoutes;
    }

    /** How each intake route's consumers fare, by route id: whether batches commit, and since when they fail. */
    public Map<String, BatchHealth.Status> intakeHealth() {
        Map<String, BatchHealth.Status> health = new LinkedHashMap<>();
        for (String id : intakeRoutes) {
            Route route = camel.getRoute(id);
            if (route != null && route.getEndpoint() instanceof JmsBatchEndpoint batch) {
                health.put(id, batch.health());
            }
        }
        return health;
    }

    /** Stops every intake route (each lets its in-flight batch commit first): the log head no longer moves. */
    public void freezeIntake(String reason, long budgetMillis) throws Exception {
        this.retryAfterSeconds = Math.max(1, TimeUnit.MILLISECONDS.toSeconds(budgetMillis + 999));
        this.freezeReason = reason;
        for (String route : intakeRoutes) {
            camel.getRouteController().stopRoute(route);
        }
        LOG.info("Intake frozen ({}): commands wait in {}", reason, Destinations.COMMANDS);
    }

    public void thawIntake() throws Exception {
        try {
            for (String route : intakeRoutes) {
                camel.getRouteController().startRoute(route);
            }
        } finally {
            freezeReason = null;
        }
        LOG.info("Intake resumed");
    }

    /** Why the intake is frozen, or null when it runs. */
    public String freezeReason() {
        return freezeReason;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public void pause(String name) throws Exception {
        Store store = stores.get(name);
        control.paused(name, true);
        store.paused(true);
        camel.getRouteController().stopRoute(applyRouteId(name));
        LOG.info("Store '{}' paused at checkpoint {}: its commands wait in {}", name, store.knownCheckpoint(),
                Destinations.storeQueue(name));
    }

    public void resume(String name) throws Exception {
        Store store = stores.get(name);
        control.paused(name, false);
        store.paused(false);
        camel.getRouteController().startRoute(applyRouteId(name));
        ringDoorbell(store);
        LOG.info("Store '{}' resumed from checkpoint {}", name, store.knownCheckpoint());
    }

    /**
     * Applies here the pause flags recorded by any instance (store pause/resume, a replay): with several instances
     * on one broker the store's queue is consumed by whichever holds it, which may not be the one that was asked.
     * Changes only this instance's routes, never the flags.
     */
    public void followPauses() throws Exception {
        Map<String, Boolean> flags = control.pausedFlags();
        for (Store store : stores.all()) {
            boolean recorded = flags.getOrDefault(store.name(), false);
            if (!store.fed() || recorded == store.paused() || camel.getRoute(applyRouteId(store.name())) == null) {
                continue;
            }
            store.paused(recorded);
            if (recorded) {
                camel.getRouteController().stopRoute(applyRouteId(store.name()));
                LOG.info("Store '{}' paused by another instance: this one stopped its route at checkpoint {}", store.name(),
                        store.knownCheckpoint());
            } else {
                camel.getRouteController().startRoute(applyRouteId(store.name()));
                ringDoorbell(store);
                LOG.info("Store '{}' resumed by another instance: this one started its route from checkpoint {}",
                        store.name(), store.knownCheckpoint());
            }
        }
    }

    /** Binds the store's queue: every feed message published from now on waits there for it. */
    public void bind(String name) {
        queues.bind(name);
    }

    /** Binds the queue (if not yet) and starts the store's apply route, which catches up from its checkpoint. */
    public void attach(String name) throws Exception {
        Store store = stores.get(name);
        queues.bind(name);
        if (camel.getRoute(applyRouteId(name)) == null) {
            addApplyRoute(store);
            LOG.info("Store '{}' attached at checkpoint {}: route {} follows the feed", name, store.knownCheckpoint(),
                    applyRouteId(name));
        }
        if (!store.paused()) {
            ringDoorbell(store);
        }
    }

    /** Stops and removes the store's apply route, then deletes its queue: bound first, deleted last. */
    public void detach(String name) throws Exception {
        String routeId = applyRouteId(name);
        if (camel.getRoute(routeId) != null) {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
        }
        queues.unbind(name);
        LOG.info("Store '{}' detached: no route, no queue", name);
    }

    /** The store's apply route from the template; created stopped when the store is paused. */
    private void addApplyRoute(Store store) throws Exception {
        camel.addRouteFromTemplate(applyRouteId(store.name()), STORE_TEMPLATE,
                Map.of("store", store.name(), "autoStartup", String.valueOf(!store.paused())));
    }

    /**
     * Tells a fed, running store that the log has reached its head, now: its route applies from its checkpoint on at
     * once, whatever back-off the broker holds its earlier messages in. For a store whose database answers again.
     */
    public void wake(String name) {
        Store store = stores.get(name);
        if (store.fed() && !store.paused()) {
            ringDoorbell(store);
        }
    }

    /** Ends the back-off of every intake route's consumers: the business store answers again. */
    public void wakeIntake() {
        for (String id : intakeRoutes) {
            Route route = camel.getRoute(id);
            if (route != null && route.getEndpoint() instanceof JmsBatchEndpoint batch) {
                batch.wake();
            }
        }
    }

    private void ringDoorbell(Store store) {
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
