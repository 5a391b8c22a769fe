package io.bizmaster.migrate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The steps of each kind of migration, found by the type of a migration's plan: the one place that dispatches on it. */
public final class MigrationKinds {

    private final Map<Class<?>, MigrationSteps<?>> byPlan = new HashMap<>();

    public MigrationKinds(List<MigrationSteps<?>> steps) {
        for (MigrationSteps<?> kind : steps) {
            if (byPlan.put(kind.planType(), kind) != null) {
                throw new IllegalStateException("two kinds of migration claim " + kind.planType().getSimpleName());
            }
        }
    }

    @SuppressWarnings("unchecked")
    public <P extends MigrationPlan> MigrationSteps<P> of(P plan) {
        MigrationSteps<?> kind = byPlan.get(plan.getClass());
        if (kind == null) {
            throw new IllegalStateException("no steps for a migration of kind " + plan.kind());
        }
        return (MigrationSteps<P>) kind;
    }

    public List<MigrationSteps<?>> all() {
        return List.copyOf(byPlan.values());
    }
}
