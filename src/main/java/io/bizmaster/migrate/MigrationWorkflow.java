package io.bizmaster.migrate;

import io.bizmaster.coordinate.CoordinatorRequests;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration state machine (Vitess MoveTables-like verbs), shared by every kind of migration: create, then the
 * runner advances each migration one step at a time until READY; cut-over, rollback, complete and cancel are
 * operator verbs, each allowed in the phases listed here. What a step or a verb does is the kind's
 * ({@link MigrationSteps}). Every step reads the persisted state and saves what it did, so a restart in any phase
 * resumes. One lock: a verb and a step never run at the same time. The verbs that change a migration run on the
 * coordinator: asked on another instance, they are recorded as its intent and carried out there
 * ({@link CoordinatorRequests}).
 */
public class MigrationWorkflow {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationWorkflow.class);

    private final MigrationRepository repository;
    private final MigrationDefinitions definitions;
    private final MigrationKinds kinds;
    private final CoordinatorRequests requests;
    /** Set when the application stops: a backfill slice ends at its next chunk instead of running on. */
    private volatile boolean stopping;
    /** Cancels asked for: a snapshot copy holding the lock ends at its next chunk, then cancel takes the lock. */
    private final Set<String> cancelling = ConcurrentHashMap.newKeySet();

    public MigrationWorkflow(MigrationRepository repository, MigrationDefinitions definitions, MigrationKinds kinds,
                             CoordinatorRequests requests) {
        this.repository = repository;
        this.definitions = definitions;
        this.kinds = kinds;
        this.requests = requests;
        requests.handle("migrate.cutover", (id, argument) -> cutoverHere(id).message());
        requests.handle("migrate.rollback", (id, argument) -> rollbackHere(id).message());
        requests.handle("migrate.complete", (id, argument) -> completeHere(id).message());
        requests.handle("migrate.cancel", (id, argument) -> cancelHere(id).message());
    }

    /** Runs the verb on the coordinator (here if this instance is it) and answers the migration's state after it. */
    private MigrationStatus onCoordinator(String verb, String id) throws Exception {
        get(id); // an unknown id is a 404 here, before anything is asked of the coordinator
        requests.call(verb, id, null);
        return status(id);
    }

    private MigrationStatus onCoordinatorUnchecked(String verb, String id) {
        try {
            return onCoordinator(verb, id);
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(verb + " of migration '" + id + "': interrupted while waiting for the coordinator", e);
        } catch (Exception e) {
            throw new IllegalStateException(verb + " of migration '" + id + "': " + e.getMessage(), e);
        }
    }

    /** {@code migrate create}: checks the plan and records it; the runner takes it from there. */
    // Not synchronized: it only inserts a row, which the runner picks up at its next step, so a create does not
    // wait for a long snapshot copy of another migration.
    public MigrationStatus create(String definitionText) {
        MigrationDefinition d = definitions.parse(definitionText);
        if (repository.find(d.id()).isPresent()) {
            throw new IllegalArgumentException("migration '" + d.id() + "' exists already; choose another id");
        }
        MigrationSteps<MigrationPlan> steps = kinds.of(d.plan());
        steps.check(d, d.plan(), sameKind(d.plan()));
        Migration m = new Migration(d, MigrationPhase.CREATED, Instant.now());
        m.message(steps.createdMessage(d.plan()));
        repository.insert(m);
        LOG.info("Migration '{}' created ({} migration): {} -> {}", d.id(), d.plan().kind(), d.plan().from(), d.plan().to());
        return view(m);
    }

    // Not synchronized: status reads the persisted state, so it answers while a long step (a snapshot) runs.
    public List<MigrationStatus> all() {
        return repository.all().stream().map(this::view).toList();
    }

    public MigrationStatus status(String id) {
        return view(get(id));
    }

    /**
     * Whether an unfinished migration holds the store, and how: a replay or another migration must not touch it.
     *
     * @return e.g. "the target of migration 'm2' (legacy -> modern2, SHADOWING)"
     */
    public Optional<String> holder(String store) {
        for (Migration m : repository.all()) {
            if (m.phase().finished()) {
                continue;
            }
            Optional<String> role = kinds.of(m.definition().plan()).roleOf(m.definition().plan(), store);
            if (role.isPresent()) {
                return Optional.of("the " + role.get() + " of " + m);
            }
        }
        return Optional.empty();
    }

    /** At start-up, before the runner's first step: each kind mends what a restart cut short. */
    public synchronized void recover() {
        List<Migration> all = repository.all();
        for (MigrationSteps<?> kind : kinds.all()) {
            kind.recover(all.stream().filter(m -> kind.planType().isInstance(m.definition().plan())).toList());
        }
    }

    /** The application is stopping: finish the current chunk, start no more steps. Not synchronized on purpose. */
    void stop() {
        stopping = true;
    }

    /**
     * One step of every active migration; called by the runner. Returns true when a backfill stopped only
     * because its time slice ran out, so the runner goes on at once instead of idling until the next tick.
     */
    public synchronized boolean tick() {
        boolean sliceUsedUp = false;
        for (Migration m : repository.all()) {
            if (m.phase().finished() || stopping) {
                continue;
            }
            try {
                sliceUsedUp |= kinds.of(m.definition().plan()).step(m, m.definition().plan(),
                        () -> stopping || cancelling.contains(m.id()));
            } catch (Exception e) {
                String message = "step in phase " + m.phase() + " failed: " + e.getMessage();
                if (!message.equals(m.message())) {
                    m.message(message);
                    repository.save(m);
                    LOG.warn("{}: {}", m, message);
                }
            }
        }
        return sliceUsedUp && !stopping;
    }

    /** {@code migrate cutover}: freeze, drain, re-verify, target becomes primary, resume. */
    public MigrationStatus cutover(String id) {
        return onCoordinatorUnchecked("migrate.cutover", id);
    }

    private synchronized MigrationStatus cutoverHere(String id) {
        Migration m = get(id);
        require(m, "cut over", MigrationPhase.READY, MigrationPhase.ROLLED_BACK);
        kinds.of(m.definition().plan()).cutover(m, m.definition().plan());
        return view(m);
    }

    /** {@code migrate cutover --dry-run}: the checks of a cut-over, its steps and an estimated freeze; changes nothing. */
    public synchronized CutOverPlan cutoverDryRun(String id) {
        Migration m = get(id);
        require(m, "cut over", MigrationPhase.READY, MigrationPhase.ROLLED_BACK);
        return kinds.of(m.definition().plan()).dryRun(m, m.definition().plan());
    }

    /** {@code migrate rollback}: the same freeze, roles flipped back; the target stays fed. */
    public MigrationStatus rollback(String id) {
        return onCoordinatorUnchecked("migrate.rollback", id);
    }

    private synchronized MigrationStatus rollbackHere(String id) {
        Migration m = get(id);
        require(m, "roll back", MigrationPhase.CUT_OVER);
        kinds.of(m.definition().plan()).rollback(m, m.definition().plan());
        return view(m);
    }

    /** {@code migrate complete}: the old side retires. */
    public MigrationStatus complete(String id) throws Exception {
        return onCoordinator("migrate.complete", id);
    }

    private synchronized MigrationStatus completeHere(String id) throws Exception {
        Migration m = get(id);
        require(m, "complete", MigrationPhase.CUT_OVER);
        kinds.of(m.definition().plan()).complete(m, m.definition().plan());
        return view(m);
    }

    /** {@code migrate cancel}: the target is let go; the primary never changed. */
    public MigrationStatus cancel(String id) throws Exception {
        return onCoordinator("migrate.cancel", id);
    }

    private MigrationStatus cancelHere(String id) throws Exception {
        cancelling.add(id);
        try {
            return cancelNow(id);
        } finally {
            cancelling.remove(id);
        }
    }

    private synchronized MigrationStatus cancelNow(String id) throws Exception {
        Migration m = get(id);
        require(m, "cancel", MigrationPhase.CREATED, MigrationPhase.BACKFILLING, MigrationPhase.CATCHING_UP,
                MigrationPhase.SHADOWING, MigrationPhase.READY, MigrationPhase.ROLLED_BACK);
        kinds.of(m.definition().plan()).cancel(m, m.definition().plan());
        return view(m);
    }

    private List<Migration> sameKind(MigrationPlan plan) {
        List<Migration> same = new ArrayList<>();
        for (Migration m : repository.all()) {
            if (m.definition().plan().getClass() == plan.getClass()) {
                same.add(m);
            }
        }
        return same;
    }

    private Migration get(String id) {
        return repository.find(id).orElseThrow(() -> new UnknownMigrationException(id));
    }

    private static void require(Migration m, String verb, MigrationPhase... allowed) {
        if (!List.of(allowed).contains(m.phase())) {
            throw new IllegalStateException("cannot " + verb + " migration '" + m.id() + "' in phase " + m.phase()
                    + "; possible in " + List.of(allowed));
        }
    }

    private MigrationStatus view(Migration m) {
        return kinds.of(m.definition().plan()).view(m, m.definition().plan()).withTimeline(repository.events(m.id()));
    }
}
