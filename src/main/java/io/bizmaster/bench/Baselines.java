package io.bizmaster.bench;

import io.bizmaster.store.jdbc.Dialect;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;

/**
 * The physical limits a BizMaster figure is compared with, measured on the same broker and databases in
 * the same run: what the broker moves persistently, what a store takes as batched upserts, how fast a
 * store's table is scanned.
 */
final class Baselines {

    private static final int PER_TRANSACTION = 500;

    private Baselines() {
    }

    /** Persistent send and receive of {@code count} messages of {@code size} bytes, transactions of 500 each side. */
    static double brokerMessagesPerSecond(ConnectionFactory factory, int count, int size) throws Exception {
        String payload = "x".repeat(size);
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session receiveSession = connection.createSession(true, Session.SESSION_TRANSACTED);
            Queue queue = receiveSession.createQueue("bench.raw");
            MessageConsumer consumer = receiveSession.createConsumer(queue);
            long start = System.nanoTime();
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                     MessageProducer producer = session.createProducer(queue)) {
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    for (int i = 1; i <= count; i++) {
                        producer.send(session.createTextMessage(payload));
                        if (i % PER_TRANSACTION == 0 || i == count) {
                            session.commit();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            int received = 0;
            while (received < count) {
                if (consumer.receive(10_000) == null) {
                    throw new IllegalStateException("raw broker baseline: received " + received + " of " + count);
                }
                received++;
                if (received % PER_TRANSACTION == 0 || received == count) {
                    receiveSession.commit();
                }
            }
            sender.join();
            double seconds = (System.nanoTime() - start) / 1e9;
            receiveSession.close();
            return count / seconds;
        }
    }

    /** Batched upserts of {@code count} rows into a fresh table, 500 rows per commit. */
    static double upsertRowsPerSecond(DataSource store, int count) throws Exception {
        try (java.sql.Connection c = store.getConnection()) {
            Dialect dialect = Dialect.of(c);
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_upsert");
                s.execute("CREATE TABLE bench_upsert (id VARCHAR(64) NOT NULL PRIMARY KEY, name VARCHAR(200), "
                        + "amount BIGINT)");
            }
            String sql = switch (dialect) {
                case H2 -> "MERGE INTO bench_upsert (id, name, amount) KEY (id) VALUES (?, ?, ?)";
                case POSTGRESQL -> "INSERT INTO bench_upsert (id, name, amount) VALUES (?, ?, ?) "
                        + "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, amount = EXCLUDED.amount";
                case MARIADB -> "INSERT INTO bench_upsert (id, name, amount) VALUES (?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE name = VALUES(name), amount = VALUES(amount)";
            };
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 1; i <= count; i++) {
                    ps.setString(1, "K" + i);
                    ps.setString(2, "Name " + i);
                    ps.setLong(3, i);
                    ps.addBatch();
                    if (i % PER_TRANSACTION == 0 || i == count) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            c.setAutoCommit(true);
            return count / seconds;
        }
    }

    /** An ordered full scan of the table {@link #upsertRowsPerSecond} filled. */
    static double scanRowsPerSecond(DataSource store) throws Exception {
        try (java.sql.Connection c = store.getConnection()) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            long rows = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, amount FROM bench_upsert ORDER BY id")) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                        rs.getString(2);
                        rs.getLong(3);
                        rows++;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            c.commit();
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE bench_upsert");
            }
            c.commit();
            return rows / seconds;
        }
    }
}
