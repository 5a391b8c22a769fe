package io.bizmaster.verify;

import io.bizmaster.store.RecordPage;
import io.bizmaster.store.ReadableRecordTarget;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A record store read page by page, each page atomically with the checkpoint it is as of. Pages may be of later seqs
 * than the first while the store applies; the highest is kept in {@link #latestSeq()}.
 */
final class RecordView implements StoreView {

    private final String store;
    private final ReadableRecordTarget target;
    private final long seq;
    private final AtomicLong latest;

    RecordView(String store, ReadableRecordTarget target) {
        this.store = store;
        this.target = target;
        this.seq = target.checkpoint();
        this.latest = new AtomicLong(seq);
    }

    @Override
    public long seq() {
        return seq;
    }

    @Override
    public long latestSeq() {
        return latest.get();
    }

    @Override
    public Set<String> parkedKeys() {
        return target.parkedKeys();
    }

    @Override
    public KeyOrder keyOrder(ProjectionQuery side) {
        side.records();
        // Redis orders its key index by the bytes of UTF-8, which is code-point order.
        return KeyOrder.TEXT;
    }

    @Override
    public RowCursor scan(ProjectionQuery side, int batchSize) {
        String entity = side.records().entity();
        return new RowCursor(side, KeyOrder.TEXT, new RowCursor.Rows() {
            private final ArrayDeque<RecordPage.Record> buffer = new ArrayDeque<>();
            private String after;
            private boolean last;

            @Override
            public ProjectedRow next() {
                if (buffer.isEmpty() && !last) {
                    RecordPage page = seen(target.page(entity, after, batchSize));
                    buffer.addAll(page.records());
                    last = page.records().size() < batchSize;
                    if (!page.records().isEmpty()) {
                        after = page.records().get(page.records().size() - 1).key();
                    }
                }
                RecordPage.Record record = buffer.pollFirst();
                return record == null ? null : side.record(record.key(), record.fields());
            }

            @Override
            public void close() {
                buffer.clear();
            }
        });
    }

    @Override
    public Map<String, ProjectedRow> lookup(ProjectionQuery side, Collection<String> keys) {
        Map<String, ProjectedRow> found = new HashMap<>();
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += 500) {
            RecordPage page = seen(target.lookup(side.records().entity(), all.subList(from, Math.min(all.size(), from + 500))));
            for (RecordPage.Record record : page.records()) {
                found.put(record.key(), side.record(record.key(), record.fields()));
            }
        }
        return found;
    }

    private RecordPage seen(RecordPage page) {
        if (page.checkpoint() < seq) {
            throw new VerificationException("store " + store + ": its checkpoint went back from seq " + seq + " to "
                    + page.checkpoint() + " while it was read (a replay started?); verify again when it is done");
        }
        latest.accumulateAndGet(page.checkpoint(), Math::max);
        return page;
    }

    @Override
    public void close() {
        // Nothing held: every page was one call.
    }
}
