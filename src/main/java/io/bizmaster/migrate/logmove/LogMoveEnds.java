package io.bizmaster.migrate.logmove;

import com.zaxxer.hikari.HikariDataSource;
import io.bizmaster.log.BusinessDataSource;
import io.bizmaster.log.BusinessStorePools;
import io.bizmaster.log.JdbcUrls;
import io.bizmaster.migrate.LogMovePlan;
import io.bizmaster.migrate.Migration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two business stores a log move moves between. The one the log lives in is always the
 * {@link BusinessDataSource}'s current one; the other is the target-log (opened here, once) while the log has not
 * moved, and the business store it moved from (kept open by {@link BusinessDataSource#previous()}) once it has.
 */
final class LogMoveEnds {

    private final BusinessDataSource businessStore;
    private final BusinessStorePools pools;
    private final Map<String, HikariDataSource> opened = new ConcurrentHashMap<>();

    LogMoveEnds(BusinessDataSource businessStore, BusinessStorePools pools) {
        this.businessStore = businessStore;
        this.pools = pools;
    }

    /** Where the log is now. */
    HikariDataSource current() {
        return businessStore.current();
    }

    /** Whether the log lives in the migration's target-log now (a restart that followed its redirect, or a cut-over). */
    boolean inTarget(Migration m) {
        return JdbcUrls.same(current().getJdbcUrl(), targetLog(m).url());
    }

    /** The target-log, while the log is still in the business store the migration started from. */
    HikariDataSource target(Migration m) {
        HikariDataSource previous = businessStore.previous();
        if (previous != null && JdbcUrls.same(previous.getJdbcUrl(), targetLog(m).url())) {
            return previous; // rolled back in this process: the pool the log was switched away from
        }
        return opened.computeIfAbsent(m.id(), id -> pools.open(targetLog(m)));
    }

    /** Opens the target-log for a new migration (it is checked before the migration is recorded). */
    HikariDataSource open(String id, io.bizmaster.log.BusinessStoreLocation location) {
        HikariDataSource pool = pools.open(location);
        HikariDataSource before = opened.put(id, pool);
        if (before != null) {
            before.close();
        }
        return pool;
    }

    /** The business store the log moved from, after a cut-over: what a rollback goes back to. */
    HikariDataSource origin(Migration m) {
        HikariDataSource previous = businessStore.previous();
        if (previous == null) {
            throw new IllegalStateException("migration '" + m.id() + "': the business store the command log moved from is "
                    + "not open in this process (it was started on " + JdbcUrls.masked(current().getJdbcUrl())
                    + " directly); start BizMaster with the old spring.datasource settings, whose redirect leads here, to "
                    + "roll back");
        }
        return previous;
    }

    /** The business store the log moved from, or null if this process has none open. */
    HikariDataSource originIfOpen() {
        return businessStore.previous();
    }

    /** A target-log opened for a migration that was not recorded after all. */
    void discard(String id) {
        HikariDataSource pool = opened.remove(id);
        if (pool != null) {
            pool.close();
        }
    }

    /** The log lives in {@code next} from now on; connections already checked out finish where they are. */
    void switchTo(Migration m, HikariDataSource next) {
        businessStore.switchTo(next);
        opened.remove(m.id(), next);
    }

    /** A completed migration: the business store the log left is not needed for a rollback any more. */
    void retireOrigin() {
        businessStore.retirePrevious();
    }

    /** A cancelled migration: its target-log's pool closes. */
    void close(Migration m) {
        discard(m.id());
        HikariDataSource previous = businessStore.previous();
        if (previous != null && JdbcUrls.same(previous.getJdbcUrl(), targetLog(m).url())) {
            businessStore.retirePrevious();
        }
    }

    /** On shutdown: pools this class opened (the business store closes its own). */
    void closeAll() {
        opened.values().forEach(HikariDataSource::close);
        opened.clear();
    }

    private static io.bizmaster.log.BusinessStoreLocation targetLog(Migration m) {
        return ((LogMovePlan) m.definition().plan()).targetLog();
    }
}
