package io.bizmaster.migrate;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The steps of one kind of migration. The {@link MigrationWorkflow} owns the state machine: it holds the lock,
 * checks that a verb is allowed in the migration's phase, and calls these with the migration's typed plan; each
 * step saves what it did through the {@link MigrationRepository}, so a restart in any phase resumes.
 *
 * @param <P> the kind's plan
 */
public interface MigrationSteps<P extends MigrationPlan> {

    Class<P> planType();

    /**
     * {@code migrate create}: refuses a plan that cannot run now, before anything is recorded.
     *
     * @param sameKind the migrations of this kind already recorded
     * @throws IllegalArgumentException naming the problem
     */
    void check(MigrationDefinition definition, P plan, List<Migration> sameKind);

    /** What a new migration's status says until its first step. */
    String createdMessage(P plan);

    /**
     * One step in the migration's phase. Returns true when a backfill stopped only because its time slice ran out,
     * so the runner goes on at once instead of idling until its next tick.
     */
    boolean step(Migration m, P plan, BooleanSupplier stop) throws Exception;

    /** The freeze, in READY or ROLLED_BACK: the target becomes primary, or everything stays as it was. */
    void cutover(Migration m, P plan);

    /** The cut-over's checks, steps and estimated freeze; changes nothing. */
    CutOverPlan dryRun(Migration m, P plan);

    /** In CUT_OVER: the same freeze, roles flipped back. */
    void rollback(Migration m, P plan);

    /** In CUT_OVER: the source retires. */
    void complete(Migration m, P plan) throws Exception;

    /** Before a cut-over, or after a rollback: the target is let go; the primary never changed. */
    void cancel(Migration m, P plan) throws Exception;

    /** At start-up, with every migration of this kind: mends what a restart cut short. */
    void recover(List<Migration> sameKind);

    MigrationStatus view(Migration m, P plan);

    /** How an unfinished migration of this plan holds the store ("target", "source"), if it does. */
    Optional<String> roleOf(P plan, String store);
}
