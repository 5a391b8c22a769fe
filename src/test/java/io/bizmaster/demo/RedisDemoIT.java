package io.bizmaster.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.testing.LocalRedis;
import io.bizmaster.testing.PackagedJar;
import io.bizmaster.testing.TestPorts;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo --redis} as a user runs it, from the packaged jar: a Redis read model fed as a third store, verified
 * EQUAL against legacy, replayed from 0 and verified again, and a second one built by a migration, cut over to and
 * rolled back; a Redis that is not there is one clear line, not a hang.
 */
class RedisDemoIT {

    @TempDir
    Path folder;

    @Test
    void theDemoWithARedisReadModelVerifiesReplaysAndMigratesIt() throws Exception {
        try (LocalRedis redis = LocalRedis.connect()) {
            PackagedJar.Result demo = new PackagedJar(folder).run("demo", "--commands", "3000", "--customers", "200",
                    "--redis", LocalRedis.HOST + ":" + LocalRedis.PORT, "--bizmaster.broker.port=" + TestPorts.free());
            Matcher prefix = Pattern.compile("Redis keys (bizmaster:demo[a-z0-9]+):\\*").matcher(demo.output());
            try {
                assertThat(demo.exit()).as(demo.output()).isZero();
                assertThat(demo.output()).contains("cache (shadow) at 3,000")
                        .containsPattern("verify legacy cache \\(the Redis read model as fed live\\): store legacy and "
                                + "store cache are equal at seq \\d+")
                        .contains("replay --store cache --from 0: DONE")
                        .containsPattern("verify legacy cache \\(the Redis read model rebuilt from the log\\): store "
                                + "legacy and store cache are equal")
                        .containsPattern("migration demo[a-z0-9]+-redis legacy -> cache2 \\(Redis, replay backfill\\): READY")
                        .contains("cutover: cache2 is the primary, freeze window")
                        .contains("rollback: legacy is the primary again");
            } finally {
                if (prefix.find()) {
                    for (String key : redis.keys(prefix.group(1) + ":*")) {
                        redis.delete(key);
                    }
                }
            }
        }
    }

    @Test
    void aRedisThatIsNotThereIsOneClearLine() throws Exception {
        PackagedJar.Result nothing = new PackagedJar(folder).run("demo", "--redis", "127.0.0.1:" + TestPorts.free());
        assertThat(nothing.exit()).as(nothing.output()).isEqualTo(2);
        assertThat(nothing.output()).contains("bizmaster demo failed: --redis: nothing answers at 127.0.0.1:");
        PackagedJar.Result malformed = new PackagedJar(folder).run("demo", "--redis", "no port");
        assertThat(malformed.exit()).as(malformed.output()).isEqualTo(2);
        assertThat(malformed.output()).contains("--redis: expected HOST:PORT, got 'no port'");
    }
}
