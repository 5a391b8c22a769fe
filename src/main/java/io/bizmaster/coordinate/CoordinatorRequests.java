package io.bizmaster.coordinate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verbs asked on any instance, carried out by the coordinator ({@code coordinator_request}). On the coordinator a
 * verb runs at once, where it was asked; elsewhere it is recorded as intent and the asking thread waits for the
 * coordinator's answer. The coordinator takes pending requests in order, runs each with the handler its verb
 * registered and records the answer; taking and answering are fenced by its epoch, so a request is carried out by
 * one coordinator at most.
 */
public class CoordinatorRequests implements AutoCloseable {

    /** What a verb does on the coordinator; its exceptions are the verb's answer. */
    @FunctionalInterface
    public interface Handler {
        /** @return the answer shown to whoever asked (a sentence), or null */
        String run(String target, String argument) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorRequests.class);

    private final DataSource businessStore;
    private final Coordinator coordinator;
    private final Duration timeout;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;

    public CoordinatorRequests(DataSource businessStore, Coordinator coordinator, Duration timeout) {
        this.businessStore = businessStore;
        this.coordinator = coordinator;
        this.timeout = timeout;
    }

    public void handle(String verb, Handler handler) {
        handlers.put(verb, handler);
    }

    /**
     * Runs the verb here when this instance is the coordinator, otherwise asks the coordinator and waits for its
     * answer (at most the verb timeout).
     *
     * @throws IllegalArgumentException the verb's request is wrong (400), from the coordinator
     * @throws IllegalStateException    the state forbids it (409), the coordinator failed it, or no coordinator
     *                                  answered in time (the request is then withdrawn if nobody took it yet)
     */
    public String call(String verb, String target, String argument) throws Exception {
        Handler handler = handlers.get(verb);
        if (handler == null) {
            throw new IllegalStateException("no handler for verb '" + verb + "'");
        }
        if (coordinator.isCoordinator()) {
            return handler.run(target, argument);
        }
        String id = UUID.randomUUID().toString();
        insert(id, verb, target, argument);
        LOG.info("Verb {} on '{}' asked on instance '{}', which is not the coordinator: request {} waits for it", verb,
                target, coordinator.instanceId(), id);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Answer answer = answer(id);
            switch (answer.state()) {
                case "DONE" -> {
                    return answer.answer();
                }
                case "FAILED" -> throw "INVALID".equals(answer.failure()) ? new IllegalArgumentException(answer.answer())
                        : new IllegalStateException(answer.answer());
                default -> {
                }
            }
            long late = System.nanoTime() - deadline;
            if (late > 0 && withdraw(id)) {
                throw new IllegalStateException(verb + " of '" + target + "': no coordinator took request " + id + " within "
                        + timeout.toSeconds() + " s (see /api/coordinator); it was withdrawn, nothing was done");
            }
            if (late > timeout.toNanos()) {
                // Taken, never answered: the coordinator died while carrying it out. Its state says how far it got.
                throw new IllegalStateException(verb + " of '" + target + "': the coordinator took request " + id
                        + " but gave no answer within " + 2 * timeout.toSeconds() + " s; look at the status of '" + target
                        + "' for what was done");
            }
            Thread.sleep(100);
        }
    }

    /** On the coordinator: takes the pending requests every poll interval and carries them out. */
    public synchronized void start(long pollMillis) {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "coordinator-requests");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::serve, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** Carries out the pending requests, oldest first, if this instance is the coordinator. */
    public void serve() {
        if (!coordinator.isCoordinator()) {
            return;
        }
        try {
            for (Request r : pending()) {
                if (!take(r.id())) {
                    continue;
                }
                Handler handler = handlers.get(r.verb());
                String state = "DONE";
                String failure = null;
                String answer;
                try {
                    if (handler == null) {
                        throw new IllegalStateException("the coordinator knows no verb '" + r.verb() + "'");
                    }
                    answer = handler.run(r.target(), r.argument());
                } catch (LeadershipLostException e) {
                    throw e;
                } catch (IllegalArgumentException e) {
                    state = "FAILED";
                    failure = "INVALID";
                    answer = e.getMessage();
                } catch (Exception e) {
                    state = "FAILED";
                    failure = e instanceof IllegalStateException ? "CONFLICT" : "ERROR";
                    answer = e.getMessage();
                }
                answer(r.id(), state, failure, answer);
                LOG.info("Coordinator '{}' (epoch {}) carried out request {} ({} on '{}' from '{}'): {}{}",
                        coordinator.instanceId(), coordinator.epoch(), r.id(), r.verb(), r.target(), r.requestedBy(), state,
                        answer == null ? "" : ": " + answer);
            }
        } catch (RuntimeException e) {
            LOG.warn("Coordinator '{}': requests: {}", coordinator.instanceId(), e.getMessage());
        }
    }

    private record Request(String id, String verb, String target, String argument, String requestedBy) {
    }

    private record Answer(String state, String failure, String answer) {
    }

    private void insert(String id, String verb, String target, String argument) throws SQLException {
        try (Connection c = businessStore.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO coordinator_request (id, verb, target, argument, "
                     + "requested_by, requested_at_ms, state) VALUES (?, ?, ?, ?, ?, " + CoordinatorLease.now(c) + ", 'PENDING')")) {
            ps.setString(1, id);
            ps.setString(2, verb);
            ps.setString(3, target);
            ps.setString(4, argument);
            ps.setString(5, coordinator.instanceId());
            ps.executeUpdate();
        }
    }

    private Answer answer(String id) throws SQLException {
        try (Connection c = businessStore.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT state, failure, answer FROM coordinator_request WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("request " + id + " vanished from coordinator_request");
                }
                return new Answer(rs.getString(1), rs.getString(2), rs.getString(3));
            }
        }
    }

    private boolean withdraw(String id) throws SQLException {
        try (Connection c = businessStore.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE coordinator_request SET state = 'WITHDRAWN' "
                     + "WHERE id = ? AND state = 'PENDING'")) {
            ps.setString(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    private List<Request> pending() {
        try (Connection c = businessStore.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, verb, target, argument, requested_by FROM coordinator_request "
                     + "WHERE state = 'PENDING' ORDER BY requested_at_ms, id")) {
            try (ResultSet rs = ps.executeQuery()) {
                List<Request> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(new Request(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
                return found;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the coordinator's requests: " + e.getMessage(), e);
        }
    }

    /** Marks the request RUNNING under this coordinator's epoch; false if another took it or it was withdrawn. */
    private boolean take(String id) {
        return update(id, "UPDATE coordinator_request SET state = 'RUNNING', answered_by = ?, epoch = ? "
                + "WHERE id = ? AND state = 'PENDING'", null, null, null);
    }

    private void answer(String id, String state, String failure, String answer) {
        update(id, "UPDATE coordinator_request SET answered_by = ?, epoch = ?, state = ?, failure = ?, answer = ? "
                + "WHERE id = ? AND state = 'RUNNING'", state, failure, answer);
    }

    private boolean update(String id, String sql, String state, String failure, String answer) {
        try (Connection c = businessStore.getConnection()) {
            c.setAutoCommit(false);
            try {
                coordinator.fence(c);
                int updated;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    int i = 1;
                    ps.setString(i++, coordinator.instanceId());
                    ps.setLong(i++, coordinator.epoch());
                    if (state != null) {
                        ps.setString(i++, state);
                        ps.setString(i++, failure);
                        ps.setString(i++, answer == null || answer.length() <= 4000 ? answer : answer.substring(0, 3997) + "...");
                    }
                    ps.setString(i, id);
                    updated = ps.executeUpdate();
                }
                c.commit();
                return updated == 1;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record request " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (executor != null) {
            executor.shutdown();
            executor.awaitTermination(30, TimeUnit.SECONDS);
            executor = null;
        }
    }
}
