package io.bizmaster.migrate;

import com.zaxxer.hikari.HikariDataSource;
import io.bizmaster.log.BusinessStoreLocation;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.JdbcUrls;
import io.bizmaster.log.LogMoved;
import io.bizmaster.log.LogMoves;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The freeze of a log migration's cut-over (and, the other way round, of its rollback): stop the intake, copy
 * the commands logged since the last copy, prove both logs identical up to the head, copy the state tables,
 * record the move, switch the business store, resume the intake. Bounded by the freeze budget up to the commit
 * point; past it the switch is done whatever the clock says.
 *
 * <p>The commit point is one transaction in the business store the migration started from (the one
 * {@code spring.datasource} names): on a cut-over, the {@code log_moved} redirect and the phase CUT_OVER; on a
 * rollback, its state tables copied back with the redirect cleared and the phase ROLLED_BACK. A restart with that
 * configuration therefore lands on the log the last committed switch chose.
 */
final class LogCutOver {

    private static final Logger LOG = LoggerFactory.getLogger(LogCutOver.class);

    private final LogMigrationEnds ends;
    private final CommandLog log;
    private final IntakeFreeze freeze;
    private final StateTracker state;
    private final LogCopier copier;
    private final LogComparison comparison;

    LogCutOver(LogMigrationEnds ends, CommandLog log, IntakeFreeze freeze, StateTracker state, LogCopier copier,
               LogComparison comparison) {
        this.ends = ends;
        this.log = log;
        this.freeze = freeze;
        this.state = state;
        this.copier = copier;
        this.comparison = comparison;
    }

    /** The log moves to the target-log. */
    void cutOver(Migration m) throws SQLException {
        run(m, ends.current(), ends.target(m), false);
    }

    /** The log moves back to the business store it came from; the target-log keeps its copy and is fed again. */
    void rollback(Migration m) throws SQLException {
        run(m, ends.current(), ends.origin(m), true);
    }

    private void run(Migration m, HikariDataSource from, HikariDataSource to, boolean rollback) throws SQLException {
        MigrationDefinition d = m.definition();
        MigrationPhase before = m.phase();
        MigrationPhase success = rollback ? MigrationPhase.ROLLED_BACK : MigrationPhase.CUT_OVER;
        long copiedBefore = copier.highestSeq(to);
        long behind = log.head() - copiedBefore;
        if (behind > d.maxCutoverLag()) {
            throw new IllegalStateException("migration '" + m.id() + "': " + behind + " commands are not copied to "
                    + JdbcUrls.masked(to.getJdbcUrl()) + " yet (max-cutover-lag " + d.maxCutoverLag()
                    + "); try again when the copy is closer");
        }
        // Copy and prove up to the head just before freezing, so the freeze itself has only a few commands left.
        copiedBefore = copier.copy(from, to, copiedBefore, log.head(), Integer.MAX_VALUE);
        long provenBefore = m.verifiedSeq() == null ? 0 : Math.min(m.verifiedSeq(), copiedBefore);
        LogComparison.Result early = comparison.compare(from, to, provenBefore, copiedBefore, Math.max(d.chunk(), 1_000));
        if (!early.equal()) {
            throw new IllegalStateException("migration '" + m.id() + "': " + early.summary() + "; no cut-over");
        }
        provenBefore = early.provenTo();
        m.verifiedSeq(provenBefore);
        Long verifiedBefore = m.verifiedSeq();
        m.phase(MigrationPhase.FREEZING);
        m.message("freezing: intake paused, copying the rest of the command log to " + JdbcUrls.masked(to.getJdbcUrl())
                + " (budget " + d.maxFreezeMillis() + " ms)");
        state.save(m);
        long budget = TimeUnit.MILLISECONDS.toNanos(d.maxFreezeMillis());
        long start = System.nanoTime();
        StringBuilder parts = new StringBuilder();
        long mark = start;
        long head = -1;
        boolean committed = false;
        String outcome = null;
        try {
            freeze.freeze((rollback ? "rollback" : "cut-over") + " of migration " + m.id(), d.maxFreezeMillis());
            mark = lap(parts, "intake stopped", mark);
            head = log.head();
            long position = copiedBefore;
            while (position < head) {
                within(budget, start, "copying seq " + (position + 1) + ".." + head);
                position = copier.copy(from, to, position, head, d.chunk());
            }
            mark = lap(parts, "copied " + (head - copiedBefore) + " commands", mark);
            within(budget, start, "copying the rest of the log");
            LogComparison.Result proof = comparison.compare(from, to, provenBefore, head, Math.max(d.chunk(), 1_000));
            long highest = copier.highestSeq(to);
            if (!proof.equal() || highest != head) {
                throw new FreezeAborted("the logs are not identical at seq " + head + ": " + proof.summary()
                        + (highest != head ? "; the copy ends at seq " + highest : ""));
            }
            m.verification("log identical at seq " + head + ": " + proof.summary());
            mark = lap(parts, "verified", mark);
            within(budget, start, "proving both logs identical");
            m.phase(success);
            m.verifiedSeq(head);
            m.backfillPosition(head);
            m.message((rollback ? "rolled back" : "cut over") + " at seq " + head + " (freezing)");
            m.updatedAt(Instant.now());
            copyState(m, from, to);
            mark = lap(parts, "state copied", mark);
            if (!rollback) {
                within(budget, start, "copying the state tables");
            }
            // The commit point of a cut-over (a rollback's was the state copy into the old business store).
            committed = true;
            recordMove(m, from, to, head, rollback);
            ends.switchTo(m, to);
            mark = lap(parts, "move recorded and switched", mark);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            outcome = e instanceof FreezeAborted ? e.getMessage() : String.valueOf(e.getMessage());
            if (committed && rollback) {
                // Past a rollback's commit point: the old business store is authoritative, so switch regardless.
                LOG.error("Migration '{}': the rollback committed but recording the move back failed ({}); switching anyway",
                        m.id(), outcome);
                ends.switchTo(m, to);
                outcome = null;
            } else {
                m.phase(before);
                m.verifiedSeq(verifiedBefore);
                if (!rollback) {
                    undoHead(m, to);
                }
            }
        } finally {
            thaw(m);
        }
        lap(parts, "intake resumed", mark);
        long window = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        m.freezeWindowMillis(window);
        if (outcome == null) {
            m.message((rollback ? "rolled back" : "cut over") + " at seq " + head + ": the command log lives in "
                    + JdbcUrls.masked(to.getJdbcUrl()) + (rollback ? " again" : "") + "; freeze window " + window
                    + " ms (budget " + d.maxFreezeMillis() + " ms: " + parts + ")");
            LOG.info("Migration '{}': {}", m.id(), m.message());
        } else {
            m.message((rollback ? "rollback" : "cut-over") + " aborted after " + window + " ms (" + parts
                    + "), intake resumed on " + JdbcUrls.masked(from.getJdbcUrl()) + ": " + outcome);
            LOG.warn("Migration '{}': {}", m.id(), m.message());
        }
        state.save(m);
        if (outcome != null) {
            throw new IllegalStateException(m.message());
        }
    }

    /**
     * The destination's state tables replaced by the source's, its own redirect cleared and the migration's row as
     * it is after the switch, in one transaction in the destination.
     */
    private void copyState(Migration m, HikariDataSource from, HikariDataSource to) throws SQLException {
        try (Connection source = from.getConnection(); Connection target = to.getConnection()) {
            target.setAutoCommit(false);
            try {
                copier.copyState(source, target);
                LogMoves.clear(target);
                state.update(target, m);
                target.commit();
            } catch (SQLException | RuntimeException e) {
                target.rollback();
                throw e;
            }
        }
    }

    /**
     * The redirect in the business store the log leaves, with the phase, in one transaction. A cut-over's redirect
     * names the target-log with its password placeholder; a rollback's names the old business store as this process
     * reached it (masked URL, no password): a start on the abandoned copy is then refused rather than forking the log.
     */
    private void recordMove(Migration m, HikariDataSource from, HikariDataSource to, long head, boolean rollback)
            throws SQLException {
        BusinessStoreLocation where = rollback
                ? new BusinessStoreLocation(JdbcUrls.masked(to.getJdbcUrl()), to.getUsername(), null)
                : m.definition().targetLog();
        try (Connection c = from.getConnection()) {
            c.setAutoCommit(false);
            try {
                LogMoves.record(c, new LogMoved(where, head, m.id(), Instant.now()));
                state.update(c, m);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** An aborted cut-over leaves the target-log's head where it was, so nobody mistakes the copy for a live log. */
    private void undoHead(Migration m, HikariDataSource to) {
        try (Connection c = to.getConnection(); var ps = c.prepareStatement("UPDATE log_head SET seq = 0 WHERE id = 1")) {
            ps.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Migration '{}': cannot reset the log head of {}: {}", m.id(), JdbcUrls.masked(to.getJdbcUrl()),
                    e.getMessage());
        }
    }

    private static void within(long budget, long start, String doing) throws FreezeAborted {
        if (System.nanoTime() - start > budget) {
            throw new FreezeAborted("the freeze budget of " + TimeUnit.NANOSECONDS.toMillis(budget) + " ms was spent " + doing);
        }
    }

    private static long lap(StringBuilder parts, String what, long since) {
        long now = System.nanoTime();
        parts.append(parts.isEmpty() ? "" : ", ").append(what).append(' ')
                .append(TimeUnit.NANOSECONDS.toMillis(now - since)).append(" ms");
        return now;
    }

    private void thaw(Migration m) {
        try {
            freeze.thaw();
        } catch (Exception e) {
            LOG.error("Migration '{}': the intake could not be resumed after the freeze: {}; restart BizMaster", m.id(),
                    e.getMessage(), e);
        }
    }
}
