package io.bizmaster.log;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.bizmaster.store.jdbc.NetworkTimeouts;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Opens connection pools to business stores, all with the configured {@code spring.datasource.hikari.*} settings:
 * a business store a log move moves to becomes the one the intake writes to, so it gets the same pool.
 */
public class BusinessStorePools {

    private final Environment environment;
    private final AtomicInteger opened = new AtomicInteger();

    public BusinessStorePools(Environment environment) {
        this.environment = environment;
    }

    /** A pool to the configured business store (its password as Spring resolved it). Connects at once. */
    public HikariDataSource open(String url, String username, String password) {
        HikariConfig config = new HikariConfig();
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(config));
        String name = config.getPoolName() == null ? "business-store" : config.getPoolName();
        int n = opened.incrementAndGet();
        config.setPoolName(n == 1 ? name : name + "-" + n);
        config.setJdbcUrl(url);
        config.setUsername(username);
        config.setPassword(password);
        NetworkTimeouts.DEFAULT.applyTo(config);
        return new HikariDataSource(config);
    }

    /**
     * A pool to a business store given by location, its password placeholder resolved now.
     *
     * @throws IllegalArgumentException if the placeholder names nothing set
     * @throws com.zaxxer.hikari.pool.HikariPool.PoolInitializationException if it cannot connect
     */
    public HikariDataSource open(BusinessStoreLocation location) {
        return open(location.url(), location.username(), password(location));
    }

    private String password(BusinessStoreLocation location) {
        String placeholder = location.passwordPlaceholder();
        if (placeholder == null) {
            return null;
        }
        // One name, looked up as it is: never an expression Spring would resolve (defaults, nesting, other properties).
        String value = environment.getProperty(BusinessStoreLocation.placeholderName(placeholder));
        if (value == null) {
            throw new IllegalArgumentException("the password of " + location.display() + " is " + placeholder
                    + ", which is not set (an environment variable or a property of that name)");
        }
        return value;
    }
}
