package io.bizmaster.log;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the business store at start-up: the configured one, unless a log move moved the command log away
 * from it, in which case its {@code log_moved} redirect is followed (and the next one's, if the log moved again),
 * so a restart with the old configuration still writes to the log where it is now. Says so loudly: the
 * configuration should be changed.
 */
public class BusinessStoreLocator {

    private static final Logger LOG = LoggerFactory.getLogger(BusinessStoreLocator.class);
    private static final int MAX_HOPS = 5;

    private final BusinessStorePools pools;

    public BusinessStoreLocator(BusinessStorePools pools) {
        this.pools = pools;
    }

    public BusinessDataSource locate(HikariDataSource configured) {
        HikariDataSource current = configured;
        HikariDataSource previous = null;
        List<String> visited = new ArrayList<>(List.of(configured.getJdbcUrl()));
        try {
            for (int hop = 0; hop < MAX_HOPS; hop++) {
                Optional<LogMoved> moved = redirect(current);
                if (moved.isEmpty()) {
                    return new BusinessDataSource(current, previous);
                }
                LogMoved m = moved.get();
                if (visited.stream().anyMatch(url -> JdbcUrls.same(url, m.to().url()))) {
                    throw new IllegalStateException("the business store redirects form a loop: " + visited.stream()
                            .map(JdbcUrls::masked).toList() + " -> " + JdbcUrls.masked(m.to().url()) + "; " + m.describe());
                }
                HikariDataSource next = open(m);
                LOG.warn("""

                        ************************************************************************************************
                        {}.
                        The business store: following the redirect found in {}.
                        Set spring.datasource.url (and username/password) to it; the old business store is read
                        only for this redirect and, until that migration completes, for a rollback.
                        ************************************************************************************************""",
                        m.describe(), JdbcUrls.masked(current.getJdbcUrl()));
                visited.add(m.to().url());
                if (previous != null) {
                    previous.close();
                }
                previous = current;
                current = next;
            }
            throw new IllegalStateException("the business store redirects go on for more than " + MAX_HOPS + " hops: " + visited
                    .stream().map(JdbcUrls::masked).toList() + "; set spring.datasource.url to where the command log is");
        } catch (RuntimeException e) {
            current.close();
            if (previous != null) {
                previous.close();
            }
            throw e;
        }
    }

    private static Optional<LogMoved> redirect(HikariDataSource store) {
        try (Connection c = store.getConnection()) {
            return LogMoves.find(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the business store at " + JdbcUrls.masked(store.getJdbcUrl()) + ": "
                    + e.getMessage(), e);
        }
    }

    private HikariDataSource open(LogMoved moved) {
        try {
            return pools.open(moved.to());
        } catch (RuntimeException e) {
            throw new IllegalStateException(moved.describe() + ", but it cannot be reached (" + e.getMessage()
                    + "); set spring.datasource.url, username and password to where the command log is now", e);
        }
    }
}
