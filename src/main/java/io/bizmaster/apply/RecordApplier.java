package io.bizmaster.apply;

import io.bizmaster.command.SequencedCommand;
import io.bizmaster.convert.BConverter;
import io.bizmaster.convert.RecordSession;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.LogEntry;
import io.bizmaster.store.RecordBatch;
import io.bizmaster.store.RecordTarget;
import io.bizmaster.store.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch for a record store: the commands after its checkpoint converted to record changes on this side (so a command
 * that cannot be converted is pinned and parked at once), then written with the new checkpoint in one fenced step. A
 * change the store refuses parks its command and the batch is written again without it.
 */
final class RecordApplier {

    private static final Logger LOG = LoggerFactory.getLogger(RecordApplier.class);

    private final CommandLog log;
    private final BiFunction<BConverter, LogEntry, SequencedCommand> readFor;

    RecordApplier(CommandLog log, BiFunction<BConverter, LogEntry, SequencedCommand> readFor) {
        this.log = log;
        this.readFor = readFor;
    }

    /** Returns the checkpoint afterwards and the entries applied (empty when the log has nothing after it). */
    Result applyBatch(Store store, BConverter converter, int limit) {
        RecordTarget target = store.records();
        long from = store.knownCheckpoint() >= 0 ? store.knownCheckpoint() : target.checkpoint();
        List<LogEntry> entries = log.nextToApply(from, limit);
        Map<Long, String> refused = new HashMap<>();
        while (true) {
            RecordSession session = new RecordSession(store.name());
            List<RecordBatch.Parked> parked = new ArrayList<>();
            Set<String> parkedNow = new HashSet<>();
            long last = from;
            for (LogEntry entry : entries) {
                if (entry.seq() != last + 1) {
                    throw new IllegalStateException("the command log has no entry at seq " + (last + 1) + " (next is "
                            + entry.seq() + "): store '" + store.name() + "' cannot go past a hole");
                }
                last = entry.seq();
                if (!entry.accepted() || !converter.handles(entry.type())) {
                    continue;
                }
                String reason = null;
                if (store.parked(entry.key()) || parkedNow.contains(entry.key())) {
                    reason = "key " + entry.key() + " has an earlier command parked in store '" + store.name()
                            + "'; this one waits behind it, so the key's order holds";
                } else if (refused.containsKey(entry.seq())) {
                    reason = refused.get(entry.seq());
                } else {
                    try {
                        converter.apply(readFor.apply(converter, entry), session);
                    } catch (RuntimeException e) {
                        reason = new ApplyException(store.name(), entry, e).getMessage();
                    }
                }
                if (reason != null) {
                    if (!parkedNow.contains(entry.key()) && !store.parked(entry.key())) {
                        LOG.warn("{}; the command is parked (later commands of key {} park behind it), other keys go on",
                                reason, entry.key());
                    }
                    parked.add(new RecordBatch.Parked(entry.seq(), entry.commandId(), entry.type(), entry.key(), reason));
                    parkedNow.add(entry.key());
                }
            }
            if (last == from) {
                return new Result(from, List.of(), List.of());
            }
            try {
                target.write(new RecordBatch(from, last, session.changes(), parked));
            } catch (RecordTarget.RecordRejectedException e) {
                long seq = session.changes().get(e.index()).seq();
                refused.put(seq, e.getMessage());
                continue;
            } catch (RecordTarget.FencedOutException e) {
                store.forgetCheckpoint();
                throw e;
            }
            store.checkpointSeen(last);
            return new Result(last, entries, parked.stream().map(RecordBatch.Parked::key).toList());
        }
    }

    record Result(long checkpoint, List<LogEntry> applied, List<String> parkedKeys) {
    }
}
