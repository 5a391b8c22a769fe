package io.bizmaster.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.command.CommandCatalog;
import io.bizmaster.command.CommandParser;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.CommandStatus;
import io.bizmaster.log.LogEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * front of a real command log: what the stores' feed receives for each kind of message.
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
        log = new CommandLog(businessStore);
        CommandParser parser = new CommandParser(new CommandCatalog(Path.of("commands/catalog.yaml")), 65_536);

        camel = new DefaultCamelContext();
        camel.getRegistry().bind("commandIntake", new CommandIntake(parser, log));
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.resolveResource(camel, "file:routes/error-handling.camel.yaml"),
                ResourceHelper.resolveResource(camel, "file:routes/intake.camel.yaml"));
        AdviceWith.adviceWith(camel, "intake", route -> {
            route.replaceFromWith("direct:commands");
            route.weaveByToUri("jms:topic:biz.feed*").replace().to("mock:feed");
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
    void everyMessageIsLoggedAndTheFeedCarriesItsSequenceNumber() throws Exception {
        String valid = "{\"id\":\"r-1\",\"type\":\"customer.renamed\",\"key\":\"C1\",\"payload\":{\"name\":\"Ada\"}}";
        feed.expectedMessageCount(4);
        feed.expectedHeaderValuesReceivedInAnyOrder(CommandIntake.SEQ, 1L, 1L, 2L, 3L);

        send(valid, "ID:m1");
        send(valid.replace("Ada", "Ada L."), "ID:m2");
        send("{\"id\":\"r-2\",", "ID:m3");
        send("{\"id\":\"r-3\",\"type\":\"customer.renamed\",\"key\":\"C1\",\"payload\":{}}", "ID:m4");

        feed.assertIsSatisfied();
        List<Exchange> received = feed.getReceivedExchanges();
        assertThat(header(received.get(0), CommandIntake.STATUS)).isEqualTo("ACCEPTED");
        assertThat(header(received.get(0), "JMSXGroupID")).isEqualTo("C1");
        assertThat(received.get(0).getMessage().getBody(String.class)).isEqualTo(valid);
        assertThat(header(received.get(1), CommandIntake.DUPLICATE)).isEqualTo(true);
        assertThat(header(received.get(2), CommandIntake.STATUS)).isEqualTo("REJECTED");
        assertThat(received.get(2).getMessage().getBody(String.class)).isEmpty();

        assertThat(log.head()).isEqualTo(3);
        List<LogEntry> entries = log.readAfter(0, 10);
        assertThat(entries).extracting(LogEntry::status)
                .containsExactly(CommandStatus.ACCEPTED, CommandStatus.REJECTED, CommandStatus.REJECTED);
        assertThat(entries.get(1).reason()).startsWith("malformed JSON");
        assertThat(entries.get(2).reason()).isEqualTo("payload.name: required field is missing");
        assertThat(entries.get(2).commandId()).isEqualTo("r-3");
    }

    @Test
    void aRejectedMessageRedeliveredAfterACrashIsNotLoggedTwice() throws Exception {
        feed.expectedMessageCount(2);
        send("not json", "ID:same");
        send("not json", "ID:same");
        feed.assertIsSatisfied();
        assertThat(log.head()).isEqualTo(1);
        assertThat(feed.getReceivedExchanges()).extracting(e -> header(e, CommandIntake.SEQ)).containsExactly(1L, 1L);
    }

    private void send(String body, String messageId) {
        producer.sendBodyAndHeaders("direct:commands", body.getBytes(StandardCharsets.UTF_8),
                Map.of("JMSMessageID", messageId));
    }

    private static Object header(Exchange exchange, String name) {
        return exchange.getMessage().getHeader(name);
    }
}
