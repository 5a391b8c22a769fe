package io.bizmaster.migrate;

import io.bizmaster.store.ConverterRef;
import java.util.Optional;

/**
 * Seed scenario 3: {@code target} (declared detached) is filled, shadows {@code source} (today's primary), and takes
 * its role at the cut-over.
 *
 * @param converter the target's converter, when the migration sets one (otherwise as configured)
 */
public record StoreMigrationPlan(String source, String target, Optional<ConverterRef> converter, Backfill backfill)
        implements MigrationPlan {

    @Override
    public String kind() {
        return "store";
    }

    @Override
    public String from() {
        return source;
    }

    @Override
    public String to() {
        return target;
    }

    @Override
    public String method() {
        return backfill.method();
    }

    /** Whether the migration involves the store, and how. */
    public Optional<String> roleOf(String store) {
        return store.equals(target) ? Optional.of("target") : store.equals(source) ? Optional.of("source") : Optional.empty();
    }
}
