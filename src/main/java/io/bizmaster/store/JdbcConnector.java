package io.bizmaster.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.bizmaster.store.jdbc.JdbcUrlPolicy;
import io.bizmaster.store.jdbc.NetworkTimeouts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/** A store in a relational database reached over JDBC: H2, PostgreSQL or MariaDB/MySQL. */
@Component
public class JdbcConnector implements Connector {

    private static final List<ConnectorOption> OPTIONS = List.of(
            new ConnectorOption("url", true, false, "JDBC URL of the store's database"),
            new ConnectorOption("username", false, false, "database user"),
            new ConnectorOption("password", false, true, "database password"),
            new ConnectorOption("pool-size", false, false, "maximum connections (default 4)"),
            new ConnectorOption("socket-timeout", false, false, "seconds a single read from the database may wait before "
                    + "the apply fails and is retried (default 30): a dropped connection fails instead of hanging"));

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public List<ConnectorOption> options() {
        return OPTIONS;
    }

    /** The URL through the same allow-list as any URL a definition gives, and a pool size that is a number. */
    @Override
    public List<String> problems(Map<String, String> options) {
        List<String> problems = new java.util.ArrayList<>();
        String url = options.get("url");
        if (url != null && !url.isBlank()) {
            JdbcUrlPolicy.problems(url).forEach(p -> problems.add("option 'url': " + p));
        }
        String size = options.get("pool-size");
        if (size != null && !size.matches("[1-9][0-9]{0,2}")) {
            problems.add("option 'pool-size': expected a whole number from 1 to 999, got '" + size + "'");
        }
        String timeout = options.get("socket-timeout");
        if (timeout != null && !timeout.matches("[1-9][0-9]{0,4}")) {
            problems.add("option 'socket-timeout': expected a whole number of seconds from 1 to 99999, got '" + timeout + "'");
        }
        return problems;
    }

    @Override
    public DataSource open(String store, Map<String, String> options) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("store-" + store);
        config.setJdbcUrl(options.get("url"));
        config.setUsername(options.get("username"));
        config.setPassword(options.get("password"));
        config.setMaximumPoolSize(Integer.parseInt(options.getOrDefault("pool-size", "4")));
        config.setMinimumIdle(1);
        String timeout = options.get("socket-timeout");
        (timeout == null ? NetworkTimeouts.DEFAULT
                : NetworkTimeouts.DEFAULT.withSocket(Duration.ofSeconds(Long.parseLong(timeout)))).applyTo(config);
        // A store that is down must not stop start-up: its queue holds its commands until it returns.
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }
}
