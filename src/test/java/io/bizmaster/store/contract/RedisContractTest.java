package io.bizmaster.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.demo.DemoModel;
import io.bizmaster.store.redis.RedisStoreTest;
import io.bizmaster.testing.LocalRedis;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The connector contract for {@code redis} on the local Redis, under a key prefix of the test's own. */
class RedisContractTest extends ConnectorContract {

    private LocalRedis redis;

    @BeforeEach
    void connect() {
        redis = LocalRedis.connect();
    }

    @AfterEach
    void cleanUp() {
        redis.delete(foreignKey());
        redis.close();
    }

    @Override
    protected String connector() {
        return "redis";
    }

    @Override
    protected String converter() {
        return "cache@1";
    }

    @Override
    protected Map<String, String> options() {
        return Map.of("host", LocalRedis.HOST, "port", String.valueOf(LocalRedis.PORT), "key-prefix", redis.prefix());
    }

    @Override
    protected void assertMatches(DemoModel model, String run) {
        RedisStoreTest.assertCacheMatches(redis, model, run);
    }

    private String foreignKey() {
        return "bizmaster-test:not-ours-" + redis.prefix().substring(redis.prefix().lastIndexOf(':') + 1);
    }

    @Override
    protected void plantStaleAndForeign(String run) {
        redis.hset(redis.prefix() + ":customer:" + run + "-ghost", "name", "stale");
        redis.index("customer", run + "-ghost");
        redis.hset(foreignKey(), "name", "kept");
    }

    @Override
    protected void assertStaleGoneAndForeignKept(String run) {
        assertThat(redis.keys(redis.prefix() + ":customer:" + run + "-ghost")).isEmpty();
        assertThat(redis.hash(foreignKey())).as("a key outside the store's prefix").containsEntry("name", "kept");
    }
}
