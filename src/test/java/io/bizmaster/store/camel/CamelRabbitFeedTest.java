package io.bizmaster.store.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.convert.BConverter;
import io.bizmaster.convert.ConverterRegistry;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.LogEntry;
import io.bizmaster.testing.LocalRabbitMq;
import io.bizmaster.testing.LogChecks;
import io.bizmaster.testing.TestApplication;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The camel connector feeding the local RabbitMQ, the way a user sets it up: Camel's jms component with RabbitMQ's JMS
 * client, its connection factory declared as a bean in a route file of their own (credentials as placeholders), the
 * store's uri naming it. Every change arrives once, with its stable id as a message property a receiver de-duplicates by.
 */
class CamelRabbitFeedTest {

    @TempDir
    Path data;

    @Test
    void aFeedToRabbitMqDeliversEveryChangeWithItsIdAsAProperty() throws Exception {
        try (LocalRabbitMq rabbit = LocalRabbitMq.connect()) {
            Path routes = Files.createDirectories(data.resolve("my-routes"));
            for (String file : List.of("intake.camel.yaml", "store-apply.camel.yaml", "error-handling.camel.yaml")) {
                Files.copy(Path.of("routes", file), routes.resolve(file));
            }
            Files.writeString(routes.resolve("rabbitmq.camel.yaml"), """
                    # The connection factory the 'rabbit' store's uri names (#rabbitmq): RabbitMQ's JMS client.
                    - beans:
                        - name: rabbitmq
                          type: com.rabbitmq.jms.admin.RMQConnectionFactory
                          properties:
                            host: "{{rabbitmq.host}}"
                            port: "{{rabbitmq.port}}"
                            username: "{{rabbitmq.username}}"
                            password: "{{rabbitmq.password}}"
                    """);
            String run = "rabbit";
            DemoStream stream = DemoStream.generate(1_000, 60, 23, run);
            TestApplication app = TestApplication.inFolder(data)
                    .with("camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml")
                    .with("rabbitmq.host", LocalRabbitMq.HOST)
                    .with("rabbitmq.port", LocalRabbitMq.PORT)
                    .with("rabbitmq.username", "guest")
                    .with("rabbitmq.password", "guest")
                    .with("bizmaster.stores.rabbit.role", "shadow")
                    .with("bizmaster.stores.rabbit.converter", "cache@1")
                    .with("bizmaster.stores.rabbit.connector", "camel")
                    .with("bizmaster.stores.rabbit.options.uri", "jms:queue:" + rabbit.queue() + "?connectionFactory=#rabbitmq");
            List<String> expected = new ArrayList<>();
            try (ConfigurableApplicationContext context = app.start()) {
                context.getBean(CommandPoster.class).post(stream.messages().stream()
                        .map(m -> CommandSplitter.split(m).get(0)).toList());
                LogChecks.awaitAllAppliedExactlyOnce(context.getBean(CommandLog.class),
                        context.getBean(StoreStatusService.class), stream, run, Duration.ofMinutes(2));
                BConverter converter = context.getBean(ConverterRegistry.class).get("cache@1");
                for (LogEntry entry : LogChecks.all(context.getBean(CommandLog.class))) {
                    if (entry.accepted() && converter.handles(entry.type())) {
                        expected.add("rabbit-" + entry.seq() + "-0");
                    }
                }
            }

            Map<String, List<JsonNode>> received = new TreeMap<>();
            try (Session session = rabbit.connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
                 MessageConsumer consumer = session.createConsumer(session.createQueue(rabbit.queue()))) {
                // Everything was confirmed by RabbitMQ before the checkpoint moved: it is in the queue now.
                while (received.values().stream().mapToInt(List::size).sum() < expected.size()) {
                    TextMessage message = (TextMessage) consumer.receive(Duration.ofSeconds(30).toMillis());
                    assertThat(message).as("a message after %d of %d", received.size(), expected.size()).isNotNull();
                    JsonNode body = CamelStoreTest.JSON.readTree(message.getText());
                    String id = message.getStringProperty("BizMasterMessageId");
                    assertThat(body.path("id").asString()).as("the body's id is the property's").isEqualTo(id);
                    received.computeIfAbsent(id, k -> new ArrayList<>()).add(body);
                }
                assertThat(consumer.receiveNoWait()).as("nothing more than the changes").isNull();
            }
            assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(expected);
            received.forEach((id, copies) -> assertThat(copies).as(id).hasSize(1));
            JsonNode any = received.values().iterator().next().get(0);
            assertThat(any.path("store").asString()).isEqualTo("rabbit");
            assertThat(any.path("commandId").asString()).startsWith(run);
        }
    }
}
