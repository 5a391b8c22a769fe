package io.bizmaster.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The local Redis (127.0.0.1:6379, or REDIS_HOST/REDIS_PORT), for connector tests: skipped with a message when it is
 * absent, failed under {@code CI=true}. Each test gets a key prefix of its own and removes its keys itself.
 */
public final class LocalRedis implements AutoCloseable {

    public static final String HOST = System.getenv().getOrDefault("REDIS_HOST", "127.0.0.1");
    public static final int PORT = Integer.parseInt(System.getenv().getOrDefault("REDIS_PORT", "6379"));

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final String prefix;

    private LocalRedis(RedisClient client, StatefulRedisConnection<String, String> connection) {
        this.client = client;
        this.connection = connection;
        this.prefix = "bizmaster-test:" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    }

    /** A connection to the local Redis, or the test is skipped (failed under CI). */
    public static LocalRedis connect() {
        RedisClient client = RedisClient.create("redis://" + HOST + ":" + PORT);
        try {
            return new LocalRedis(client, client.connect());
        } catch (RuntimeException e) {
            client.shutdown();
            String message = "Redis is not reachable at " + HOST + ":" + PORT + " (" + e.getMessage() + ")";
            if (ExternalDatabases.underCi()) {
                fail(message + ": under CI=true the Redis tests must run (.ci/run starts it)");
            }
            Assumptions.abort(message + ": skipping the Redis test");
            throw e;
        }
    }

    /** A key prefix no other test uses: the store's {@code key-prefix} option. */
    public String prefix() {
        return prefix;
    }

    public String get(String key) {
        return connection.sync().get(key);
    }

    public Map<String, String> hash(String key) {
        return connection.sync().hgetall(key);
    }

    public List<String> keys(String pattern) {
        return connection.sync().keys(pattern);
    }

    public void delete(String key) {
        connection.sync().del(key);
    }

    public void hset(String key, String field, String value) {
        connection.sync().hset(key, field, value);
    }

    /** Adds a key to a record entity's key index, as the connector does when it creates a record. */
    public void index(String entity, String key) {
        connection.sync().zadd(prefix + ":" + entity + ":index", 0, key);
    }

    @Override
    public void close() {
        List<String> keys = connection.sync().keys(prefix + ":*");
        if (!keys.isEmpty()) {
            connection.sync().del(keys.toArray(String[]::new));
        }
        connection.close();
        client.shutdown();
    }
}
