package io.bizmaster.store.camel;

import io.bizmaster.store.ConnectorContext;
import io.bizmaster.store.RecordBatch;
import io.bizmaster.store.RecordChange;
import io.bizmaster.store.RecordTarget;
import io.bizmaster.store.StoreUnreachableException;
import io.bizmaster.store.jdbc.Checkpoints;
import io.bizmaster.store.jdbc.ParkedCommands;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.util.URISupport;
import tools.jackson.databind.ObjectMapper;

/**
 * Sends a batch's changes in seq order, one message each, to the store's endpoint and waits for each to be confirmed;
 * only then moves the checkpoint (and records what parked) in the business store, fenced by the checkpoint the batch
 * started from. A crash between the sends and that commit sends the batch again: at-least-once, with the same ids.
 */
final class CamelTarget implements RecordTarget {

    /** Headers every message carries; letters only, so JMS and AMQP keep them as properties. */
    static final String MESSAGE_ID = "BizMasterMessageId";
    static final String STORE = "BizMasterStore";
    static final String SEQ = "BizMasterSeq";
    static final String COMMAND_ID = "BizMasterCommandId";
    static final String ENTITY = "BizMasterEntity";
    static final String KEY = "BizMasterKey";
    static final String CHANGE = "BizMasterChange";

    private final String store;
    private final String uri;
    private final String shownUri;
    private final Duration timeout;
    private final ConnectorContext context;
    private final ObjectMapper json = new ObjectMapper();
    private boolean prepared;

    CamelTarget(String store, String uri, Duration timeout, ConnectorContext context) {
        this.store = store;
        this.uri = uri;
        this.shownUri = URISupport.sanitizeUri(uri);
        this.timeout = timeout;
        this.context = context;
    }

    /** The id of the {@code index}-th change of the command at {@code seq}: the same every time it is sent. */
    static String messageId(String store, long seq, int index) {
        return store + "-" + seq + "-" + index;
    }

    @Override
    public long checkpoint() {
        try (Connection c = businessStore()) {
            return Checkpoints.read(c, store);
        } catch (SQLException e) {
            throw unreachable("read its checkpoint from the business store", e);
        }
    }

    @Override
    public Set<String> parkedKeys() {
        try (Connection c = businessStore()) {
            return ParkedCommands.parkedKeys(c, store);
        } catch (SQLException e) {
            throw unreachable("read its parked keys from the business store", e);
        }
    }

    @Override
    public List<ParkedCommands.Parked> parkedCommands() {
        try (Connection c = businessStore()) {
            return ParkedCommands.list(c, store, null, false, 0, Integer.MAX_VALUE);
        } catch (SQLException e) {
            throw unreachable("read its parked commands from the business store", e);
        }
    }

    @Override
    public int write(RecordBatch batch) {
        long at = checkpoint();
        if (at != batch.from()) {
            throw fenced(at, batch, "nothing was sent");
        }
        send(batch);
        try (Connection c = businessStore()) {
            c.setAutoCommit(false);
            try {
                long now = Checkpoints.lock(c, store);
                if (now != batch.from()) {
                    c.rollback();
                    throw fenced(now, batch, "its messages were sent and are duplicates of the other writer's");
                }
                for (RecordBatch.Parked p : batch.parked()) {
                    ParkedCommands.park(c, store, p.seq(), p.commandId(), p.type(), p.key(), p.reason());
                }
                for (ParkedCommands.Parked p : batch.settlement().entries()) {
                    switch (p.state()) {
                        case "APPLIED" -> ParkedCommands.applied(c, store, p.seq());
                        case "SKIPPED" -> ParkedCommands.skip(c, store, p.seq(), p.skipReason());
                        default -> ParkedCommands.stillParked(c, store, p.seq(), p.reason());
                    }
                }
                Checkpoints.advance(c, store, batch.to());
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw unreachable("commit its checkpoint " + batch.to() + " after the endpoint confirmed seq "
                    + (batch.from() + 1) + " to " + batch.to() + " (they will be sent again)", e);
        }
        return 0;
    }

    private void send(RecordBatch batch) {
        ProducerTemplate producer = template();
        long deadline = System.nanoTime() + timeout.toNanos();
        long seq = -1;
        int index = 0;
        for (RecordChange change : batch.changes()) {
            index = change.seq() == seq ? index + 1 : 0;
            seq = change.seq();
            String id = messageId(store, seq, index);
            long at = seq;
            String body = body(id, change);
            Future<Exchange> sent = producer.asyncSend(uri, exchange -> {
                exchange.setPattern(ExchangePattern.InOnly);
                exchange.getMessage().setMessageId(id);
                exchange.getMessage().setHeader(MESSAGE_ID, id);
                exchange.getMessage().setHeader(STORE, store);
                exchange.getMessage().setHeader(SEQ, at);
                exchange.getMessage().setHeader(COMMAND_ID, change.commandId());
                exchange.getMessage().setHeader(ENTITY, change.entity());
                exchange.getMessage().setHeader(KEY, change.key());
                exchange.getMessage().setHeader(CHANGE, change.kind().name().toLowerCase(java.util.Locale.ROOT));
                exchange.getMessage().setBody(body);
            });
            String what = "send change " + index + " of command " + change.commandId() + " (seq " + seq + ") to " + shownUri;
            try {
                Exchange done = sent.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (done.getException() != null) {
                    throw unreachable(what, done.getException());
                }
            } catch (TimeoutException e) {
                sent.cancel(true);
                throw unreachable(what + " within " + timeout.toSeconds() + " s", e);
            } catch (ExecutionException e) {
                throw unreachable(what, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unreachable(what + " (interrupted)", e);
            }
        }
    }

    private String body(String id, RecordChange change) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("store", store);
        body.put("seq", change.seq());
        body.put("commandId", change.commandId());
        body.put("change", change.kind().name().toLowerCase(java.util.Locale.ROOT));
        body.put("entity", change.entity());
        body.put("key", change.key());
        if (!change.fields().isEmpty()) {
            body.put("fields", change.fields());
        }
        if (!change.adds().isEmpty()) {
            body.put("adds", change.adds());
        }
        return json.writeValueAsString(body);
    }

    @Override
    public long empty(Set<String> entities) {
        throw new UnsupportedOperationException("store '" + store + "' is a feed to " + shownUri
                + ": what it sent is with its receivers and cannot be emptied");
    }

    @Override
    public void resetCheckpoint(long seq) {
        throw new UnsupportedOperationException("store '" + store + "' is a feed to " + shownUri
                + ": its checkpoint is not rewound (receivers de-duplicate by message id and would drop a re-send)");
    }

    /** A generic endpoint has no ping: a failed batch is sent again at the probe's pace, and that is the probe. */
    @Override
    public boolean reachable() {
        return true;
    }

    /** The producer is the application's, stopped with its Camel context. */
    @Override
    public void close() {
    }

    private ProducerTemplate template() {
        return context.producer();
    }

    private synchronized Connection businessStore() throws SQLException {
        Connection c = context.businessStore().getConnection();
        if (!prepared) {
            try {
                Checkpoints.createTable(c, store);
                ParkedCommands.createTable(c);
                prepared = true;
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    private RecordTarget.FencedOutException fenced(long at, RecordBatch batch, String consequence) {
        return new FencedOutException("store '" + store + "': the checkpoint is at " + at + ", not " + batch.from()
                + " where this batch started: another writer moved it; " + consequence);
    }

    private StoreUnreachableException unreachable(String what, Throwable cause) {
        return new StoreUnreachableException("store '" + store + "' cannot " + what + ": " + cause.getMessage(), cause);
    }
}
