package io.bizmaster.apply;

import io.bizmaster.command.SequencedCommand;
import io.bizmaster.convert.BConverter;
import io.bizmaster.convert.RecordSession;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.LogEntry;
import io.bizmaster.store.RecordBatch;
import io.bizmaster.store.RecordChange;
import io.bizmaster.store.RecordTarget;
import io.bizmaster.store.Store;
import io.bizmaster.store.jdbc.ParkedCommands;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch for a record store: the commands after its checkpoint converted to record changes on this side (so a command
 * that cannot be converted is pinned and parked at once), then written with the new checkpoint in one fenced step. A
 * change the store refuses parks its command and the batch is written again without it.
 */
final class RecordApplier {

    private static final Logger LOG = LoggerFactory.getLogger(RecordApplier.class);
    /** A retry races the store's own batches only while commands flow; this many lost races is a busy store. */
    private static final int MAX_FENCED = 20;

    private final CommandLog log;
    private final StoreApplier.HandOver readFor;

    RecordApplier(CommandLog log, StoreApplier.HandOver readFor) {
        this.log = log;
        this.readFor = readFor;
    }

    /**
     * Writes a converted batch with its checkpoint in one fenced step. A command that could not be converted parks, and
     * so do its key's later ones; a change the store refuses parks its command and the batch is written again without
     * it. Returns the checkpoint afterwards and the entries applied.
     */
    Result write(Store store, ConvertedBatch batch) {
        RecordTarget target = store.records();
        long from = batch.from();
        Map<Long, String> refused = new HashMap<>();
        while (true) {
            List<RecordChange> changes = new ArrayList<>();
            List<RecordBatch.Parked> parked = new ArrayList<>();
            Set<String> parkedNow = new HashSet<>();
            long last = from;
            for (ConvertedBatch.Converted command : batch.commands()) {
                LogEntry entry = command.entry();
                if (entry.seq() != last + 1) {
                    throw new IllegalStateException("the command log has no entry at seq " + (last + 1) + " (next is "
                            + entry.seq() + "): store '" + store.name() + "' cannot go past a hole");
                }
                last = entry.seq();
                if (!command.handled()) {
                    continue;
                }
                String reason = null;
                if (store.parked(entry.key()) || parkedNow.contains(entry.key())) {
                    reason = "key " + entry.key() + " has an earlier command parked in store '" + store.name()
                            + "'; this one waits behind it, so the key's order holds";
                } else if (refused.containsKey(entry.seq())) {
                    reason = refused.get(entry.seq());
                } else if (command.failure() != null) {
                    reason = command.failure();
                } else {
                    changes.addAll(command.changes());
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
                target.write(new RecordBatch(from, last, changes, parked));
            } catch (RecordTarget.RecordRejectedException e) {
                long seq = changes.get(e.index()).seq();
                refused.put(seq, e.getMessage());
                continue;
            } catch (RecordTarget.FencedOutException e) {
                store.forgetCheckpoint();
                throw e;
            }
            store.checkpointSeen(last);
            return new Result(last, batch.batch().entries(), parked.stream().map(RecordBatch.Parked::key).toList());
        }
    }

    record Result(long checkpoint, List<LogEntry> applied, List<String> parkedKeys) {
    }

    /**
     * Applies a record store's parked commands again, each key's in seq order, in one fenced step that leaves the
     * checkpoint where it is: a key's first command that fails again stays parked with the newer reason, and so do the
     * ones behind it; every other key's commands are applied and leave the list.
     */
    StoreApplier.Retried retryParked(Store store, BConverter converter, String key) {
        RecordTarget target = store.records();
        Map<Long, String> refused = new HashMap<>();
        for (int attempt = 1; ; attempt++) {
            // The checkpoint first: a command parked after it moves it, and the write below is then fenced out.
            long checkpoint = target.checkpoint();
            Map<String, List<ParkedCommands.Parked>> byKey = new LinkedHashMap<>();
            for (ParkedCommands.Parked p : target.parkedCommands()) {
                if (p.parked() && (key == null || key.equals(p.key()))) {
                    byKey.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p);
                }
            }
            RecordSession session = new RecordSession(store.name());
            List<ParkedCommands.Parked> settled = new ArrayList<>();
            Map<String, Boolean> stillParked = new LinkedHashMap<>();
            int applied = 0;
            int still = 0;
            String reason = null;
            for (Map.Entry<String, List<ParkedCommands.Parked>> ofKey : byKey.entrySet()) {
                List<ParkedCommands.Parked> commands = ofKey.getValue();
                stillParked.put(ofKey.getKey(), false);
                for (int i = 0; i < commands.size(); i++) {
                    ParkedCommands.Parked p = commands.get(i);
                    LogEntry entry = log.bySeq(p.seq()).orElseThrow(() -> new IllegalStateException("store '"
                            + store.name() + "' has seq " + p.seq() + " parked, but the command log has no such entry"));
                    String why = refused.get(p.seq());
                    if (why == null) {
                        int mark = session.size();
                        try {
                            SequencedCommand given = entry.accepted() && converter.handles(entry.type())
                                    ? readFor.command(store, converter, entry) : null;
                            if (given != null) {
                                converter.apply(given, session);
                            }
                        } catch (RuntimeException e) {
                            session.truncate(mark);
                            why = new ApplyException(store.name(), entry, e).getMessage();
                        }
                    }
                    if (why != null) {
                        settled.add(new ParkedCommands.Parked(p.store(), p.seq(), p.commandId(), p.type(), p.key(), why,
                                p.parkedAt(), "PARKED", null));
                        stillParked.put(ofKey.getKey(), true);
                        still += commands.size() - i;
                        reason = why;
                        break;
                    }
                    settled.add(new ParkedCommands.Parked(p.store(), p.seq(), p.commandId(), p.type(), p.key(), p.reason(),
                            p.parkedAt(), "APPLIED", null));
                    applied++;
                }
            }
            try {
                target.write(new RecordBatch(checkpoint, checkpoint, session.changes(), List.of(),
                        new RecordBatch.Settlement(settled, stillParked)));
            } catch (RecordTarget.RecordRejectedException e) {
                refused.put(session.changes().get(e.index()).seq(), e.getMessage());
                continue;
            } catch (RecordTarget.FencedOutException e) {
                if (attempt == MAX_FENCED) {
                    throw new IllegalStateException("store '" + store.name() + "': the retry was fenced out " + attempt
                            + " times by the store's own batches; try again, or pause the store first", e);
                }
                continue;
            }
            store.parkedKeys(target.parkedKeys());
            LOG.info("Store '{}': retried the parked commands of {}: {} applied, {} still parked{}", store.name(),
                    key == null ? "every key" : "key " + key, applied, still, reason == null ? "" : " (" + reason + ")");
            return new StoreApplier.Retried(store.name(), key, applied, still, reason);
        }
    }

    /** Lets one parked command go, saying why, in one fenced step; its key's later commands stay parked. */
    ParkedCommands.Parked skip(Store store, long seq, String reason) {
        RecordTarget target = store.records();
        long checkpoint = target.checkpoint();
        List<ParkedCommands.Parked> all = target.parkedCommands();
        ParkedCommands.Parked p = all.stream().filter(x -> x.seq() == seq && x.parked()).findFirst()
                .orElseThrow(() -> new IllegalStateException("store '" + store.name() + "' has no command parked at seq "
                        + seq + "; list them with store parked " + store.name()));
        ParkedCommands.Parked skipped = new ParkedCommands.Parked(p.store(), p.seq(), p.commandId(), p.type(), p.key(),
                p.reason(), p.parkedAt(), "SKIPPED", reason);
        boolean keyStillParked = all.stream().anyMatch(x -> x.parked() && x.seq() != seq && x.key().equals(p.key()));
        target.write(new RecordBatch(checkpoint, checkpoint, List.of(), List.of(),
                new RecordBatch.Settlement(List.of(skipped), Map.of(p.key(), keyStillParked))));
        store.parkedKeys(target.parkedKeys());
        return skipped;
    }
}
