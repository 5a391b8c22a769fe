package io.bizmaster.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bizmaster.testing.TestApplication;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store's connector and options are checked at start-up against what the connector declares (name, presence, type,
 * its own rules), and every problem of every store is reported at once, before anything connects.
 */
class StoreOptionsTest {

    @TempDir
    Path data;

    @Test
    void everyProblemOfEveryStoreIsReportedAtOnce() {
        TestApplication app = TestApplication.inFolder(data)
                .with("bizmaster.stores.legacy.options.url", "")
                .with("bizmaster.stores.legacy.options.pool-size", "many")
                .with("bizmaster.stores.legacy.options.socket-timeout", "0")
                .with("bizmaster.stores.legacy.options.colour", "blue")
                .with("bizmaster.stores.modern.connector", "nosuch");
        assertThatThrownBy(app::start).hasStackTraceContaining("invalid store configuration")
                .satisfies(e -> {
                    String report = rootMessage(e);
                    assertThat(report).contains(
                            "store 'legacy': connector 'jdbc' needs option 'url'",
                            "store 'legacy': option 'pool-size': expected a whole number from 1 to 999, got 'many'",
                            "store 'legacy': option 'socket-timeout': expected a whole number from 1 to 99999, got 0",
                            "store 'legacy': connector 'jdbc' has no option 'colour'",
                            "store 'modern': unknown connector 'nosuch'; known: [camel, jdbc, redis]");
                });
    }

    @Test
    void aFeedsBadEndpointsAreReportedWithTheOthers() {
        TestApplication app = TestApplication.inFolder(data)
                .with("bizmaster.stores.nouri.role", "shadow")
                .with("bizmaster.stores.nouri.converter", "cache@1")
                .with("bizmaster.stores.nouri.connector", "camel")
                .with("bizmaster.stores.plain.role", "shadow")
                .with("bizmaster.stores.plain.converter", "cache@1")
                .with("bizmaster.stores.plain.connector", "camel")
                .with("bizmaster.stores.plain.options.uri", "not an endpoint")
                .with("bizmaster.stores.rabbit.role", "shadow")
                .with("bizmaster.stores.rabbit.converter", "cache@1")
                .with("bizmaster.stores.rabbit.connector", "camel")
                .with("bizmaster.stores.rabbit.options.uri", "spring-rabbitmq:feed?password=guest")
                .with("bizmaster.stores.loop.role", "shadow")
                .with("bizmaster.stores.loop.converter", "cache@1")
                .with("bizmaster.stores.loop.connector", "camel")
                .with("bizmaster.stores.loop.options.uri", "jms:queue:biz.commands")
                .with("bizmaster.stores.inner.role", "shadow")
                .with("bizmaster.stores.inner.converter", "cache@1")
                .with("bizmaster.stores.inner.connector", "camel")
                .with("bizmaster.stores.inner.options.uri", "direct:elsewhere")
                .with("bizmaster.stores.inner.options.timeout", "0");
        assertThatThrownBy(app::start).satisfies(e -> assertThat(rootMessage(e)).contains(
                "store 'nouri': connector 'camel' needs option 'uri'",
                "store 'plain': uri 'not an endpoint' is not a Camel endpoint URI",
                "store 'rabbit': uri: no Camel component 'spring-rabbitmq' on the class path; drop its jar",
                "store 'rabbit': uri: carries a secret in clear",
                "store 'loop': uri: the feed would send changes back into the command intake (biz.commands)",
                "store 'inner': uri: component 'direct' is BizMaster's own or in-process",
                "store 'inner': option 'timeout': expected a whole number from 1 to 600, got 0"));
    }

    @Test
    void aRedisStoresBadOptionsAreReportedWithTheOthers() {
        TestApplication app = TestApplication.inFolder(data)
                .with("bizmaster.stores.legacy.options.pool-size", "0")
                .with("bizmaster.stores.cache.role", "shadow")
                .with("bizmaster.stores.cache.converter", "cache@1")
                .with("bizmaster.stores.cache.connector", "redis")
                .with("bizmaster.stores.cache.options.host", "bad host!")
                .with("bizmaster.stores.cache.options.port", "six")
                .with("bizmaster.stores.cache.options.database", "99")
                .with("bizmaster.stores.cache.options.key-prefix", "a b")
                .with("bizmaster.stores.cache.options.url", "redis://127.0.0.1");
        assertThatThrownBy(app::start).satisfies(e -> assertThat(rootMessage(e)).contains(
                "store 'legacy': option 'pool-size': expected a whole number from 1 to 999, got 0",
                "store 'cache': option 'host': 'bad host!' is not a host name or address",
                "store 'cache': option 'port': expected a whole number from 1 to 65535, got 'six'",
                "store 'cache': option 'database': expected a whole number from 0 to 15, got 99",
                "store 'cache': option 'key-prefix': 'a b' must be words",
                "store 'cache': connector 'redis' has no option 'url'"));
    }

    @Test
    void theSchemaOfAConnectorSaysWhatItsOptionsAreAndWhatItCanDo() {
        Map<String, Object> schema = ConnectorSchema.of(new JdbcConnector());
        assertThat(schema).containsEntry("title", "jdbc").containsEntry("required", List.of("url"))
                .containsEntry("additionalProperties", false);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) schema.get("properties");
        assertThat(properties.get("pool-size")).containsEntry("type", "integer").containsEntry("minimum", 1L)
                .containsEntry("default", 4L);
        assertThat(properties.get("password")).containsEntry("format", "password").containsEntry("writeOnly", true);
        assertThat(schema.get("x-bizmaster-capabilities"))
                .isEqualTo(Map.of("checkpointing", "transactional", "verifiable", true, "replayable", true));
    }

    @Test
    void connectorsWithOneNameOrABadNameAreProblemsNotAChoice() {
        Connector other = new JdbcConnector() {
        };
        Connector badlyNamed = new JdbcConnector() {
            @Override
            public String name() {
                return "Bad Name";
            }
        };
        Connectors connectors = Connectors.of(List.of(new JdbcConnector(), other, badlyNamed));
        assertThat(connectors.problems()).hasSize(2);
        assertThat(connectors.problems().get(0)).contains("two connectors are named 'jdbc'");
        assertThat(connectors.problems().get(1)).contains("is named 'Bad Name'; a name must match");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
