package io.bizmaster.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.bizmaster.store.jdbc.JdbcUrlPolicy;
import io.bizmaster.store.jdbc.NetworkTimeouts;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A store in a relational database reached over JDBC: H2, PostgreSQL or MariaDB/MySQL. Found by {@link Connectors} like
 * any other connector (META-INF/services), so it has a public no-argument constructor and no Spring wiring.
 */
public class JdbcConnector implements Connector {

    private static final List<ConnectorOption> OPTIONS = List.of(
            ConnectorOption.required("url", new OptionType.Text(), "JDBC URL of the store's database (H2, PostgreSQL or "
                    + "MariaDB/MySQL)"),
            ConnectorOption.optional("username", new OptionType.Text(), null, "database user"),
            ConnectorOption.secret("password", "database password"),
            ConnectorOption.optional("pool-size", new OptionType.WholeNumber(1, 999), "4", "maximum connections"),
            ConnectorOption.optional("socket-timeout", new OptionType.WholeNumber(1, 99_999), "30", "seconds a single "
                    + "read from the database may wait before the apply fails and is retried: a dropped connection fails "
                    + "instead of hanging"));

    private static final ConnectorCapabilities CAPABILITIES =
            new ConnectorCapabilities(ConnectorCapabilities.Checkpointing.TRANSACTIONAL, true, true);

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public String description() {
        return "a relational database over JDBC: changes and checkpoint in one transaction";
    }

    @Override
    public List<ConnectorOption> options() {
        return OPTIONS;
    }

    @Override
    public ConnectorCapabilities capabilities() {
        return CAPABILITIES;
    }

    /** The URL through the same allow-list as any URL a definition gives. */
    @Override
    public List<String> problems(Map<String, String> options) {
        List<String> problems = new java.util.ArrayList<>();
        String url = options.get("url");
        if (url != null && !url.isBlank()) {
            JdbcUrlPolicy.problems(url).forEach(p -> problems.add("option 'url': " + p));
        }
        return problems;
    }

    @Override
    public StoreTarget open(String store, Map<String, String> options, ConnectorContext context) {
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
        return new RelationalTarget(new HikariDataSource(config));
    }
}
