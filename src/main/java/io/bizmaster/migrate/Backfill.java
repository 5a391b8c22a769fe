package io.bizmaster.migrate;

import java.util.List;

/** How a store migration fills its target up to the captured seq. */
public sealed interface Backfill {

    String method();

    /** Rebuilt from the command log through the target's converter, from 0 or its savepoint. */
    record Replay(ReplayFrom from) implements Backfill {
        @Override
        public String method() {
            return "REPLAY";
        }
    }

    /** The source's rows copied in one consistent snapshot, translated through the declared row mappings. */
    record Snapshot(List<RowMapping> mapping) implements Backfill {
        public Snapshot {
            mapping = List.copyOf(mapping);
        }

        @Override
        public String method() {
            return "SNAPSHOT";
        }
    }
}
