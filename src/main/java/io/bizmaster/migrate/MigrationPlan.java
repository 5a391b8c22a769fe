package io.bizmaster.migrate;

import io.bizmaster.store.ConverterRef;
import java.util.Optional;

/**
 * What a migration moves, one type per kind: a store to primary ({@link StoreMigrationPlan}), or the business
 * store itself ({@link LogMovePlan}). Each kind has its own steps ({@link MigrationSteps}); the state machine
 * (phases, verbs, persistence, the runner) is shared.
 */
public sealed interface MigrationPlan permits StoreMigrationPlan, LogMovePlan {

    /** {@code store} or {@code log}, as the definition's {@code kind} says and status shows. */
    String kind();

    /** What is moved from, as status and the migration's row name it. */
    String from();

    /** What is moved to. */
    String to();

    /** How the target is filled: {@code REPLAY}, {@code SNAPSHOT} or {@code COPY}. */
    String method();

    /** The converter the migration gives its target, if it sets one. */
    Optional<ConverterRef> converter();
}
