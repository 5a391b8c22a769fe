package io.bizmaster.verify;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One side's rows in key order, read on a thread of their own so that both stores are read (and their
 * rows normalised and hashed) at the same time, and handed over in batches through a queue of two: the
 * reader can be at most a few batches ahead, whatever the size of the table.
 */
final class ProjectionStream implements AutoCloseable {

    private static final List<ProjectedRow> END = List.of();

    private final ProjectionQuery query;
    private final BlockingQueue<List<ProjectedRow>> batches = new ArrayBlockingQueue<>(2);
    private final ArrayDeque<ProjectedRow> buffer = new ArrayDeque<>();
    private final Thread reader;
    private volatile boolean cancelled;
    private volatile Throwable failure;
    private boolean ended;

    ProjectionStream(ProjectionQuery query, StoreView snapshot, int batchSize, String threadName) {
        this.query = query;
        this.reader = new Thread(() -> read(snapshot, batchSize), threadName);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    private void read(StoreView snapshot, int batchSize) {
        try (RowCursor cursor = snapshot.scan(query, batchSize)) {
            List<ProjectedRow> batch = new ArrayList<>(batchSize);
            ProjectedRow row;
            while ((row = cursor.next()) != null) {
                batch.add(row);
                if (batch.size() == batchSize) {
                    if (!hand(batch)) {
                        return;
                    }
                    batch = new ArrayList<>(batchSize);
                }
            }
            if (!batch.isEmpty() && !hand(batch)) {
                return;
            }
            hand(END);
        } catch (SQLException | RuntimeException e) {
            failure = e;
            hand(END);
        }
    }

    private boolean hand(List<ProjectedRow> batch) {
        try {
            while (!cancelled) {
                if (batches.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Reads until at least {@code rows} rows are buffered or the side has no more. */
    void fill(int rows) throws InterruptedException {
        while (!ended && buffer.size() < rows) {
            List<ProjectedRow> batch = batches.take();
            if (batch == END) {
                ended = true;
                if (failure != null) {
                    throw failure instanceof VerificationException v ? v
                            : new VerificationException(query.where() + ": reading the projection failed: " + failure.getMessage(), failure);
                }
            } else {
                buffer.addAll(batch);
            }
        }
    }

    /** Whether every row has been read into the buffer. */
    boolean ended() {
        return ended;
    }

    ArrayDeque<ProjectedRow> buffer() {
        return buffer;
    }

    /** Removes and returns the buffered rows up to and including {@code bound} (all of them when null). */
    List<ProjectedRow> takeUpTo(String bound, KeyOrder order) {
        List<ProjectedRow> taken = new ArrayList<>();
        while (!buffer.isEmpty() && (bound == null || order.compare(buffer.peekFirst().key(), bound) <= 0)) {
            taken.add(buffer.pollFirst());
        }
        return taken;
    }

    @Override
    public void close() throws InterruptedException {
        cancelled = true;
        batches.clear();
        reader.join(30_000);
    }
}
