package io.bizmaster.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.broker.batch.ReceivedMessage;
import io.bizmaster.command.CommandCatalog;
import io.bizmaster.command.CommandParser;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.CommandStatus;
import io.bizmaster.log.LogEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real {@code routes/intake.camel.yaml}, with its broker endpoints swapped for direct: and mock:, in
 * front of a real command log: what the log holds and what the stores' feed hears for a batch.
 */
class IntakeRouteTest {

    private DefaultCamelContext camel;
    private CommandLog log;
    private MockEndpoint feed;
    private ProducerTemplate producer;

    @BeforeEach
    void loadTheRealRoute() throws Exception {
        JdbcDataSource businessStore = new JdbcDataSource();
        businessStore.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(businessStore).locations("classpath:db/log").load().migrate();
        log = new CommandLog(businessStore, 1000);
        CommandCatalog catalog = new CommandCatalog(Path.of("commands/catalog.yaml"));
        io.bizmaster.domain.Domains domains = io.bizmaster.domain.Domains.only(catalog, new CommandParser(catalog, 65_536));

        camel = new DefaultCamelContext();
        camel.getRegistry().bind("commandIntake", new CommandIntake(domains, log,
                new IntakeMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry())));
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.resolveResource(camel, "file:routes/error-handling.camel.yaml"),
                ResourceHelper.resolveResource(camel, "file:routes/intake.camel.yaml"));
        AdviceWith.adviceWith(camel, "intake", route -> {
            route.replaceFromWith("direct:commands");
            route.weaveByToUri("jms-batch:topic:biz.feed*").replace().to("mock:feed");
        });
        camel.start();
        feed = camel.getEndpoint("mock:feed", MockEndpoint.class);
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void aBatchIsLoggedInOrderAndTheFeedSaysHowFarTheLogReached() throws Exception {
        String valid = "{\"id\":\"r-1\",\"type\":\"customer.renamed\",\"key\":\"C1\",\"payload\":{\"name\":\"Ada\"}}";
        feed.expectedMessageCount(1);

        // The same command again with a regenerated issuedAt: a retry, answered from the log.
        send(message(valid, "ID:m1"),
                message(valid.replace("\"payload\"", "\"issuedAt\":\"2026-01-01T00:00:00Z\",\"payload\""), "ID:m2"),
                message("{\"id\":\"r-2\",", "ID:m3"),
                message("{\"id\":\"r-3\",\"type\":\"customer.renamed\",\"key\":\"C1\",\"payload\":{}}", "ID:m4"));

        feed.assertIsSatisfied();
        Exchange news = feed.getReceivedExchanges().get(0);
        assertThat(header(news, CommandIntake.SEQ)).isEqualTo(3L);
        assertThat(header(news, CommandIntake.COUNT)).isEqualTo(4);
        assertThat(header(news, CommandIntake.REJECTED)).isEqualTo(2);
        assertThat(header(news, CommandIntake.DUPLICATES)).isEqualTo(1);

        assertThat(log.head()).isEqualTo(3);
        List<LogEntry> entries = log.readAfter(0, 10);
        assertThat(entries).extracting(LogEntry::status)
                .containsExactly(CommandStatus.ACCEPTED, CommandStatus.REJECTED, CommandStatus.REJECTED);
        assertThat(entries.get(0).body()).isEqualTo(valid);
        assertThat(entries.get(1).reason()).startsWith("malformed JSON");
        assertThat(entries.get(2).reason()).isEqualTo("payload.name: required field is missing");
        assertThat(entries.get(2).commandId()).isEqualTo("r-3");
    }

    @Test
    void aBatchRedeliveredAfterACrashIsAnsweredFromTheLog() throws Exception {
        feed.expectedMessageCount(2);
        String valid = "{\"id\":\"r-9\",\"type\":\"customer.renamed\",\"key\":\"C9\",\"payload\":{\"name\":\"Bo\"}}";
        send(message("not json", "ID:same"), message(valid, "ID:v"));
        send(message("not json", "ID:same"), message(valid, "ID:v"));
        feed.assertIsSatisfied();
        assertThat(log.head()).isEqualTo(2);
        Exchange second = feed.getReceivedExchanges().get(1);
        assertThat(header(second, CommandIntake.SEQ)).isEqualTo(2L);
        assertThat(header(second, CommandIntake.DUPLICATES)).isEqualTo(2);
    }

    @Test
    void whatStoresReadFromMemoryIsWhatTheLogHolds() throws Exception {
        feed.expectedMessageCount(1);
        send(message("{\"id\":\"n-1\",\"type\":\"customer.renamed\",\"key\":\"C1\",\"payload\":{\"name\":\"Zoë\"},"
                        + "\"issuedAt\":\"2026-11-23T10:15:30.123456789Z\"}", "ID:n1"),
                message("{\"id\":\"n-2\",\"type\":\"customer.renamed\",\"key\":\"C2\",\"payload\":{\"name\":\"Li\"}}", "ID:n2"));
        feed.assertIsSatisfied();
        List<LogEntry> logged = log.readAfter(0, 10);
        assertThat(logged.get(0).issuedAt()).as("kept to the microsecond, as the engines store it")
                .isEqualTo(java.time.Instant.parse("2026-11-23T10:15:30.123456Z"));
        assertThat(log.nextToApply(0, 10)).isEqualTo(logged);
    }

    private void send(ReceivedMessage... batch) {
        producer.sendBody("direct:commands", List.of(batch));
    }

    private static ReceivedMessage message(String body, String messageId) {
        return new ReceivedMessage(body.getBytes(StandardCharsets.UTF_8), messageId, null);
    }

    private static Object header(Exchange exchange, String name) {
        return exchange.getMessage().getHeader(name);
    }
}
