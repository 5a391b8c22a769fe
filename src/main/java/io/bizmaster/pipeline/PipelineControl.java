package io.bizmaster.pipeline;

import io.bizmaster.broker.BrokerQueueControl;
import io.bizmaster.broker.Destinations;
import io.bizmaster.domain.Domain;
import io.bizmaster.domain.Domains;
import io.bizmaster.broker.StoreQueues;
import io.bizmaster.broker.batch.BatchHealth;
import io.bizmaster.broker.batch.JmsBatchEndpoint;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreControl;
import io.bizmaster.store.StoreRegistry;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * <p>A store's apply route is made from the {@code store-apply} template. Pausing a store records it, pauses its queue at
 * the broker (so whichever instance consumes it stops) and stops its route here, so its commands wait in its queue;
 * resuming undoes the three and rings its doorbell with the log head, so it catches up from the log even if its queue
 * holds nothing.
 *
 * <p>The freeze is {@code biz.commands} paused at the broker, for every instance at once; the intake routes keep running
 * and simply receive nothing. It is recorded in the business store ({@link IntakeFreezes}) before the queue is paused and
 * deleted after it is resumed, so every instance sees it and one whose owner died can be undone
 * ({@link #undoFreeze}).
 */
public class PipelineControl {

    public static final String STORE_TEMPLATE = "store-apply";
    public static final String DOMAIN_TEMPLATE = "domain-intake";
    private static final Logger LOG = LoggerFactory.getLogger(PipelineControl.class);

    private final CamelContext camel;
    private final StoreRegistry stores;
    private final StoreControl control;
    private final StoreQueues queues;
    private final CommandLog log;
    private final BrokerQueueControl broker;
    private final IntakeFreezes freezes;
    private final FreezeProperties freezeProperties;
    private final Domains domains;
    private final String instance;
    private volatile List<String> intakeRoutes = List.of();
    /** The freeze this instance holds, if any: only its holder thaws it. */
    private volatile IntakeFreezes.Freeze held;
    private volatile Seen seen = new Seen(Optional.empty(), Long.MIN_VALUE);

    /** The freeze record as last read, and when ({@link System#nanoTime()}). */
    private record Seen(Optional<IntakeFreezes.Freeze> freeze, long readAt) {
    }

    public PipelineControl(CamelContext camel, StoreRegistry stores, StoreControl control, StoreQueues queues, CommandLog log,
                           BrokerQueueControl broker, IntakeFreezes freezes, FreezeProperties freezeProperties,
                           Domains domains) {
        this.camel = camel;
        this.stores = stores;
        this.control = control;
        this.queues = queues;
        this.log = log;
        this.broker = broker;
        this.freezes = freezes;
        this.freezeProperties = freezeProperties;
        this.domains = domains;
        this.instance = instanceName();
    }

    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return host + " pid " + ProcessHandle.current().pid();
    }

    public static String applyRouteId(String store) {
        return "apply-" + store;
    }

    /** Before the intake may publish: a multicast address drops what no queue is bound to. */
    public void bindQueues() {
        domains.named().forEach(domain -> queues.bindIntake(domain.queue()));
        stores.all().stream().filter(Store::fed).forEach(store -> queues.bind(store.name()));
    }

    /**
     * Once Camel has loaded the route files: finds the intake and starts one apply route per fed store.
     *
     * @throws IllegalStateException naming every route-file problem at once
     */
    public void start() throws Exception {
        for (Domain domain : domains.named()) {
            camel.addRouteFromTemplate(intakeRouteId(domain.name()), DOMAIN_TEMPLATE, Map.of("domain", domain.name()));
        }
        intakeRoutes = findIntake(camel.getRoutes(), domains.queues());
        LOG.info("Intake: route(s) {} consume {}", intakeRoutes, String.join(", ", domains.queues()));
        for (Store store : stores.all()) {
            if (!store.fed()) {
                continue;
            }
            addApplyRoute(store);
            syncQueuePause(store);
            if (store.paused()) {
                LOG.info("Store '{}' is paused: its commands wait in {}", store.name(), Destinations.storeQueue(store.name()));
            } else {
                ringDoorbell(store);
            }
        }
    }

    /** A named domain's intake route, made from {@value #DOMAIN_TEMPLATE}. */
    public static String intakeRouteId(String domain) {
        return "intake-" + domain;
    }

    /** The routes that consume biz.commands; each must do so through jms-batch. */
    static List<String> findIntake(List<Route> routes) {
        return findIntake(routes, List.of(Destinations.COMMANDS));
    }

    /** The routes that consume an intake queue (biz.commands, a domain's biz.domain.NAME); each through jms-batch. */
    static List<String> findIntake(List<Route> routes, List<String> queues) {
        List<String> intake = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Route route : routes) {
            Endpoint from = route.getEndpoint();
            for (String queue : queues) {
                if (from instanceof JmsBatchEndpoint batch && !batch.isTopic() && batch.getDestinationName().equals(queue)) {
                    intake.add(route.getRouteId());
                } else if (consumes(from, queue)) {
                    problems.add("route '" + route.getRouteId() + "' consumes " + queue + " through " + from.getEndpointUri()
                            + ": the intake must use jms-batch:queue:" + queue + ", which logs every message before it "
                            + "is acknowledged (routes/intake.camel.yaml)");
                }
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

    /**
     * Freezes the intake for every instance: records the freeze, pauses {@code biz.commands} at the broker, and returns
     * once no consumer anywhere holds one of its messages (a batch in a transaction, or prefetched into a consumer's
     * buffer: both count as delivering until acknowledged) and the log head no longer moves. Each intake's batch in flight
     * commits first (its log append precedes its acknowledgement), so the head read after this is the head.
     *
     * @param migration the migration whose cut-over or rollback holds the freeze, or null
     * @throws TimeoutException if the intake is not at rest by {@code deadlineNanos}; the freeze holds until
     *                          {@link #thawIntake()}
     * @throws IllegalStateException if a freeze is recorded already (this instance's or another's)
     */
    public void freezeIntake(String reason, String migration, long budgetMillis, long deadlineNanos) throws Exception {
        IntakeFreezes.Freeze freeze = new IntakeFreezes.Freeze(UUID.randomUUID().toString(), reason, instance, migration,
                Instant.now(), budgetMillis);
        // Recorded before the pause: a pause nobody recorded is undone by the first instance that sees it.
        freezes.record(freeze);
        held = freeze;
        for (String queue : domains.queues()) {
            broker.pause(queue);
        }
        long head = log.head();
        while (true) {
            long delivering = 0;
            for (String queue : domains.queues()) {
                delivering += broker.deliveringCount(queue);
            }
            long now = log.head();
            if (delivering == 0 && now == head) {
                break;
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new TimeoutException("the intake did not come to rest within the freeze budget of " + budgetMillis
                        + " ms: " + delivering + " message(s) of " + String.join(", ", domains.queues()) + " still with a consumer, log head "
                        + now);
            }
            head = now;
            Thread.sleep(1);
        }
        LOG.info("Intake frozen at the broker ({}): {} paused, log head {}; commands wait there", reason,
                String.join(", ", domains.queues()), head);
    }

    /**
     * Commands waiting in {@code biz.commands}, not yet logged. A freeze waits until every intake has logged what its
     * consumer already holds, prefetched ones included, so a cut-over starts only when this is small.
     */
    public long intakeBacklog() {
        long backlog = 0;
        for (String queue : domains.queues()) {
            backlog += broker.messageCount(queue);
        }
        return backlog;
    }

    /**
     * Consumers of {@code biz.commands} that are not this instance's intake: other BizMaster instances (standing by or
     * logging). What a log move must know, since only the instance that runs it switches its business store.
     */
    public int otherIntakeConsumers() {
        int own = 0;
        for (String id : intakeRoutes) {
            Route route = camel.getRoute(id);
            if (route != null && route.getEndpoint() instanceof JmsBatchEndpoint batch
                    && camel.getRouteController().getRouteStatus(id).isStarted()) {
                own += batch.getConsumerCount();
            }
        }
        int all = 0;
        for (String queue : domains.queues()) {
            all += broker.consumerCount(queue);
        }
        return Math.max(0, all - own);
    }

    /** Resumes {@code biz.commands} and deletes the record of this instance's freeze; nothing if it holds none. */
    public void thawIntake() throws Exception {
        IntakeFreezes.Freeze freeze = held;
        if (freeze == null) {
            return;
        }
        // Let go first: if the resume fails, the freeze is stale to FreezeRecovery, which retries it, here or elsewhere.
        held = null;
        // Resumed before the record goes: while it is there, no other freeze can start and be undone by this resume.
        resumeIntakeQueues();
        freezes.delete(freeze.token());
        seen = new Seen(Optional.empty(), System.nanoTime());
        LOG.info("Intake resumed at the broker ({} ended)", freeze.reason());
    }

    /** Why the intake is frozen (by any instance), or null when it runs. */
    public String freezeReason() {
        return currentFreeze().map(IntakeFreezes.Freeze::reason).orElse(null);
    }

    /** How long a client should wait before posting again: the freeze's budget, at least 1 s. */
    public long retryAfterSeconds() {
        long budget = currentFreeze().map(IntakeFreezes.Freeze::budgetMillis).orElse(0L);
        return Math.max(1, TimeUnit.MILLISECONDS.toSeconds(budget + 999));
    }

    /** The freeze this instance holds, or the one recorded as last read (read again after {@code seenFor}). */
    private Optional<IntakeFreezes.Freeze> currentFreeze() {
        IntakeFreezes.Freeze own = held;
        if (own != null) {
            return Optional.of(own);
        }
        Seen last = seen;
        long now = System.nanoTime();
        if (now - last.readAt() < freezeProperties.seenFor().toNanos()) {
            return last.freeze();
        }
        Optional<IntakeFreezes.Freeze> read;
        try {
            read = freezes.find();
        } catch (RuntimeException e) {
            // The business store down: the intake cannot log anyway, and its health says so; do not refuse posts for it.
            LOG.debug("cannot read the intake freeze: {}", e.getMessage());
            read = Optional.empty();
        }
        seen = new Seen(read, now);
        return read;
    }

    /**
     * Undoes a freeze its owner can no longer end: resumes {@code biz.commands} and deletes the record, if it is still
     * that freeze. Also resumes the queue when it is paused and no freeze is recorded. For the recovery of a crash inside
     * a freeze; the caller decides the freeze is stale.
     *
     * @return what was done, for the log; empty if nothing
     */
    public Optional<String> undoFreeze(IntakeFreezes.Freeze stale, String why) {
        if (held != null && held.token().equals(stale.token())) {
            return Optional.empty();
        }
        // Resumed while the record still stands, so no new freeze can have paused the queue in between.
        resumeIntakeQueues();
        boolean deleted = freezes.delete(stale.token());
        seen = new Seen(Optional.empty(), Long.MIN_VALUE);
        String what = "undid the intake freeze '" + stale.reason() + "' held by " + stale.heldBy() + " since " + stale.since()
                + " (budget " + stale.budgetMillis() + " ms): " + why + "; " + String.join(", ", domains.queues()) + " resumed"
                + (deleted ? ", record deleted" : "");
        LOG.warn("{}", what);
        return Optional.of(what);
    }

    /** The recorded freeze, read now. */
    public Optional<IntakeFreezes.Freeze> recordedFreeze() {
        return freezes.find();
    }

    /**
     * Resumes {@code biz.commands} if it is paused at the broker while no freeze is recorded (a pause by hand, or a
     * freeze whose record was lost). The record is read again after the queue, since a freeze records before it pauses.
     */
    public Optional<String> resumeUnrecordedPause() {
        if (freezes.find().isPresent()) {
            return Optional.empty();
        }
        List<String> paused = domains.queues().stream().filter(broker::isPaused).toList();
        if (paused.isEmpty() || freezes.find().isPresent()) {
            return Optional.empty();
        }
        paused.forEach(broker::resume);
        String what = String.join(", ", paused) + " paused at the broker with no intake freeze recorded: resumed";
        LOG.warn("{}", what);
        return Optional.of(what);
    }

    private void resumeIntakeQueues() {
        for (String queue : domains.queues()) {
            broker.resume(queue);
        }
    }

    public void pause(String name) throws Exception {
        Store store = stores.get(name);
        control.paused(name, true);
        store.paused(true);
        if (store.fed()) {
            broker.pause(Destinations.storeQueue(name));
        }
        camel.getRouteController().stopRoute(applyRouteId(name));
        LOG.info("Store '{}' paused at checkpoint {}: its commands wait in {}", name, store.knownCheckpoint(),
                Destinations.storeQueue(name));
    }

    public void resume(String name) throws Exception {
        Store store = stores.get(name);
        control.paused(name, false);
        store.paused(false);
        if (store.fed()) {
            broker.resume(Destinations.storeQueue(name));
        }
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

    /** The queue's pause at the broker as the store's recorded pause says: the record is the truth. */
    private void syncQueuePause(Store store) {
        String queue = Destinations.storeQueue(store.name());
        if (store.paused()) {
            broker.pause(queue);
        } else if (broker.isPaused(queue)) {
            broker.resume(queue);
            LOG.warn("Store '{}' is not paused, but its queue {} was paused at the broker: resumed", store.name(), queue);
        }
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
