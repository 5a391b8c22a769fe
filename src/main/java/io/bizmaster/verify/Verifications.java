package io.bizmaster.verify;

import io.bizmaster.store.StoreRegistry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The verifications of registered stores: started on request, run in the background (a few at a time,
 * each holding a connection to both stores), kept in memory for their reports.
 */
public class Verifications implements AutoCloseable {

    private static final int MAX_QUEUED = 20;

    private final StoreRegistry stores;
    private final Projections projections;
    private final Verifier verifier;
    private final VerifyProperties properties;
    private final ExecutorService runner;
    private final Map<String, VerificationRun> runs = new LinkedHashMap<>();

    public Verifications(StoreRegistry stores, Projections projections, Verifier verifier, VerifyProperties properties) {
        this.stores = stores;
        this.projections = projections;
        this.verifier = verifier;
        this.properties = properties;
        AtomicInteger threads = new AtomicInteger();
        this.runner = new ThreadPoolExecutor(properties.concurrent(), properties.concurrent(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(MAX_QUEUED), r -> {
                    Thread t = new Thread(r, "verification-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Checks the request and starts the verification.
     *
     * @param entity one entity, or null for all that both stores' projections declare
     * @throws io.bizmaster.store.UnknownStoreException for a store that is not registered
     * @throws VerificationException                    when the stores cannot be compared, saying why
     */
    public VerificationReport start(String source, String target, String entity) {
        if (source == null || target == null) {
            throw new VerificationException("name a source and a target store");
        }
        VerifiedStore a = projections.verified(stores.get(source));
        VerifiedStore b = projections.verified(stores.get(target));
        List<EntityComparison> plan = Verifier.plan(a, b, entity);
        String id = UUID.randomUUID().toString().substring(0, 8);
        VerificationRun run = new VerificationRun(id, a, b, entity, plan, properties.differencesKept());
        synchronized (runs) {
            try {
                runner.execute(() -> verifier.run(run));
            } catch (RejectedExecutionException e) {
                throw new VerificationException(MAX_QUEUED + " verifications are already waiting; try again when some have finished");
            }
            runs.put(id, run);
            forgetOldest();
        }
        return run.report();
    }

    public Optional<VerificationReport> get(String id) {
        synchronized (runs) {
            return Optional.ofNullable(runs.get(id)).map(VerificationRun::report);
        }
    }

    /** Every verification still held, newest first. */
    public List<VerificationReport> all() {
        List<VerificationReport> reports = new ArrayList<>();
        synchronized (runs) {
            runs.values().forEach(r -> reports.add(0, r.report()));
        }
        return reports;
    }

    private void forgetOldest() {
        long finished = runs.values().stream().filter(VerificationRun::finished).count();
        Iterator<VerificationRun> oldest = runs.values().iterator();
        while (finished > properties.keepFinished() && oldest.hasNext()) {
            if (oldest.next().finished()) {
                oldest.remove();
                finished--;
            }
        }
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
