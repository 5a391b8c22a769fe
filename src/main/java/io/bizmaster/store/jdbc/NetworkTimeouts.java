package io.bizmaster.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import java.time.Duration;
import java.util.Locale;

/**
 * Bounds on every network wait of a pool to a database server. Without them a connection whose packets are dropped
 * (a firewall, a half-open TCP connection, a server that froze) blocks its thread for ever: an apply route or the
 * intake would hang instead of failing, backing off and resuming. The drivers count in different units, hence one
 * place. A property the URL sets itself wins: both drivers let the URL override what the pool passes.
 */
public record NetworkTimeouts(Duration connect, Duration socket) {

    /** Connect within 5 s; no single read waits longer than 30 s (a batch, a scan page or a lock wait take less). */
    public static final NetworkTimeouts DEFAULT = new NetworkTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30));

    public NetworkTimeouts {
        if (connect.isNegative() || connect.isZero() || socket.isNegative() || socket.isZero()) {
            throw new IllegalArgumentException("network timeouts must be positive: connect " + connect + ", socket " + socket);
        }
    }

    public NetworkTimeouts withSocket(Duration socket) {
        return new NetworkTimeouts(connect, socket);
    }

    /** Sets the driver properties for the URL's engine on the pool; H2 (in-process or file) has no network wait. */
    public void applyTo(HikariConfig config) {
        String url = config.getJdbcUrl() == null ? "" : config.getJdbcUrl().toLowerCase(Locale.ROOT);
        long connectSeconds = Math.max(1, connect.toSeconds());
        if (url.startsWith("jdbc:postgresql:")) {
            config.addDataSourceProperty("connectTimeout", String.valueOf(connectSeconds));
            config.addDataSourceProperty("loginTimeout", String.valueOf(connectSeconds * 2));
            config.addDataSourceProperty("socketTimeout", String.valueOf(Math.max(1, socket.toSeconds())));
        } else if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            config.addDataSourceProperty("connectTimeout", String.valueOf(connect.toMillis()));
            config.addDataSourceProperty("socketTimeout", String.valueOf(socket.toMillis()));
        }
        // Hikari's own waits: a pool that cannot hand out a connection says so instead of queueing callers.
        config.setConnectionTimeout(Math.max(250, Math.min(config.getConnectionTimeout(), connect.toMillis())));
        config.setValidationTimeout(Math.max(250, Math.min(config.getValidationTimeout(), connect.toMillis() / 2)));
    }
}
