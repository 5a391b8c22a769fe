package io.bizmaster.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bizmaster.store.RecordBatch;
import io.bizmaster.store.RecordPage;
import io.bizmaster.store.RecordChange;
import io.bizmaster.store.RecordChange.Kind;
import io.bizmaster.store.RecordTarget;
import io.bizmaster.testing.LocalRedis;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The redis connector's write step against the local Redis: a batch and its checkpoint land together or not at all;
 * a second writer that started from an older checkpoint is fenced out; a change Redis would refuse half-way (an
 * increment of a field that is not a number) is refused before anything is written; keys read back in order.
 */
class RedisTargetTest {

    @Test
    void aBatchAndItsCheckpointLandTogetherAndASecondWriterIsFencedOut() {
        try (LocalRedis redis = LocalRedis.connect(); RedisTarget target = target(redis)) {
            assertThat(target.checkpoint()).isZero();
            int missed = target.write(new RecordBatch(0, 3, List.of(
                    change(Kind.UPSERT, "customer", "c-2", Map.of("name", "Bo"), 1),
                    change(Kind.UPSERT, "customer", "c-1", Map.of("name", "Ann"), 2),
                    change(Kind.UPDATE, "customer", "c-9", Map.of("name", "nobody"), 3)), List.of()));
            assertThat(missed).as("the update of a record that is not there").isEqualTo(1);
            assertThat(target.checkpoint()).isEqualTo(3);
            assertThat(redis.hash(redis.prefix() + ":customer:c-1")).containsEntry("name", "Ann");
            assertThat(redis.keys(redis.prefix() + ":customer:c-9")).isEmpty();

            RecordBatch stale = new RecordBatch(0, 1, List.of(change(Kind.UPSERT, "customer", "c-1",
                    Map.of("name", "overwritten"), 1)), List.of());
            assertThatThrownBy(() -> target.write(stale)).isInstanceOf(RecordTarget.FencedOutException.class)
                    .hasMessageContaining("the checkpoint is at 3, not 0");
            assertThat(redis.hash(redis.prefix() + ":customer:c-1")).containsEntry("name", "Ann");
            assertThat(target.checkpoint()).isEqualTo(3);

            RecordPage page = target.page("customer", null, 10);
            assertThat(page.checkpoint()).isEqualTo(3);
            assertThat(page.records()).extracting(RecordPage.Record::key).containsExactly("c-1", "c-2");
            assertThat(page.records().get(0).fields()).containsEntry("name", "Ann");
            assertThat(target.page("customer", "c-1", 10).records()).extracting(RecordPage.Record::key).containsExactly("c-2");
            assertThat(target.page("customer", null, 1).records()).extracting(RecordPage.Record::key).containsExactly("c-1");
            RecordPage found = target.lookup("customer", List.of("c-2", "c-9"));
            assertThat(found.checkpoint()).isEqualTo(3);
            assertThat(found.records()).extracting(RecordPage.Record::key).containsExactly("c-2");
        }
    }

    @Test
    void aChangeRedisWouldRefuseIsRefusedBeforeAnythingIsWritten() {
        try (LocalRedis redis = LocalRedis.connect(); RedisTarget target = target(redis)) {
            redis.hset(redis.prefix() + ":customer:c-1", "points", "many");
            Map<String, Number> add = Map.of("points", 5);
            RecordBatch batch = new RecordBatch(0, 2, List.of(
                    change(Kind.UPSERT, "customer", "c-2", Map.of("name", "Bo"), 1),
                    new RecordChange(Kind.INCREMENT, "customer", "c-1", Map.of(), add, 2, "cmd-2")), List.of());
            assertThatThrownBy(() -> target.write(batch)).isInstanceOf(RecordTarget.RecordRejectedException.class)
                    .hasMessageContaining("command cmd-2 (seq 2)").hasMessageContaining("not a number")
                    .satisfies(e -> assertThat(((RecordTarget.RecordRejectedException) e).index()).isEqualTo(1));
            assertThat(redis.keys(redis.prefix() + ":customer:c-2")).as("nothing of the batch written").isEmpty();
            assertThat(target.checkpoint()).isZero();
        }
    }

    @Test
    void anIncrementAddsToWhatTheBatchSetAndAValueRedisCannotAddToIsRefusedFirst() {
        try (LocalRedis redis = LocalRedis.connect(); RedisTarget target = target(redis)) {
            redis.hset(redis.prefix() + ":customer:c-1", "points", "10");
            Map<String, String> unset = new HashMap<>();
            unset.put("city", null);
            target.write(new RecordBatch(0, 5, List.of(
                    change(Kind.UPSERT, "customer", "c-2", Map.of("points", "7", "city", "Oslo"), 1),
                    new RecordChange(Kind.INCREMENT, "customer", "c-2", Map.of(), Map.of("points", 5), 2, "cmd-2"),
                    new RecordChange(Kind.INCREMENT, "customer", "c-1", Map.of(), Map.of("points", -3), 3, "cmd-3"),
                    new RecordChange(Kind.INCREMENT, "customer", "c-1", Map.of(), Map.of("rate", new java.math.BigDecimal("0.5")), 4, "cmd-4"),
                    new RecordChange(Kind.UPDATE, "customer", "c-2", unset, Map.of(), 5, "cmd-5")), List.of()));
            assertThat(redis.hash(redis.prefix() + ":customer:c-2")).containsEntry("points", "12").doesNotContainKey("city");
            assertThat(redis.hash(redis.prefix() + ":customer:c-1")).containsEntry("points", "7").containsEntry("rate", "0.5");
            assertThat(target.page("customer", null, 10).records()).extracting(RecordPage.Record::key)
                    .as("records created by the batch are in the key index").containsExactly("c-2");

            // The batch itself sets a value that cannot be added to: refused here, where the value is known.
            RecordBatch ownValue = new RecordBatch(5, 7, List.of(
                    change(Kind.UPDATE, "customer", "c-2", Map.of("points", "lots"), 6),
                    new RecordChange(Kind.INCREMENT, "customer", "c-2", Map.of(), Map.of("points", 1), 7, "cmd-7")), List.of());
            assertThatThrownBy(() -> target.write(ownValue)).isInstanceOf(RecordTarget.RecordRejectedException.class)
                    .hasMessageContaining("command cmd-7 (seq 7)").hasMessageContaining("\"lots\", not a number")
                    .satisfies(e -> assertThat(((RecordTarget.RecordRejectedException) e).index()).isEqualTo(1));
            // Values Lua reads as numbers but HINCRBY refuses would stop the script half-way: refused before any write.
            for (String value : List.of("007", "1e3", " 5", "9223372036854775808")) {
                redis.hset(redis.prefix() + ":customer:c-2", "points", value);
                RecordBatch storeValue = new RecordBatch(5, 7, List.of(
                        change(Kind.UPSERT, "customer", "c-3", Map.of("name", "Cy"), 6),
                        new RecordChange(Kind.INCREMENT, "customer", "c-2", Map.of(), Map.of("points", 1), 7, "cmd-7")), List.of());
                assertThatThrownBy(() -> target.write(storeValue)).as(value)
                        .isInstanceOf(RecordTarget.RecordRejectedException.class).hasMessageContaining("not a number");
                assertThat(redis.keys(redis.prefix() + ":customer:c-3")).as("nothing written for " + value).isEmpty();
                assertThat(target.checkpoint()).isEqualTo(5);
            }
        }
    }

    @Test
    void anUnreachableRedisIsAStoreUnreachableNotAFailureOfTheCommand() {
        RedisTarget target = new RedisTarget("gone", new RedisTarget.Settings("127.0.0.1", 1, 0, null, null,
                "bizmaster-test:gone", Duration.ofSeconds(1)));
        try (target) {
            assertThat(target.reachable()).isFalse();
            assertThatThrownBy(target::checkpoint).isInstanceOf(io.bizmaster.store.StoreUnreachableException.class)
                    .hasMessageContaining("store 'gone'").hasMessageContaining("127.0.0.1:1");
        }
    }

    private static RedisTarget target(LocalRedis redis) {
        return new RedisTarget("test", new RedisTarget.Settings(LocalRedis.HOST, LocalRedis.PORT, 0, null, null,
                redis.prefix(), Duration.ofSeconds(5)));
    }

    private static RecordChange change(Kind kind, String entity, String key, Map<String, String> fields, long seq) {
        return new RecordChange(kind, entity, key, new HashMap<>(fields), Map.of(), seq, "cmd-" + seq);
    }
}
