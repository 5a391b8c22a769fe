package io.bizmaster.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.broker.EmbeddedBroker;
import io.bizmaster.log.LogEntry;
import io.bizmaster.testing.ApiClient;
import io.bizmaster.testing.ApplicationFolder;
import io.bizmaster.testing.ConfiguredUsers;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.RunningApplication;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A BFF posting through the gateway, with a CRM and a shop domain beside the default one: each command goes to the
 * intake queue of the domain owning its type, through the forwarding rule that names its type. The domains' queues
 * are read here with a JMS consumer (the domains' intake routes are not part of this application yet); the default
 * domain's command goes through the intake into the log, as before domains.
 */
class ForwardingGatewayTest extends RunningApplication {

    private static final ApplicationFolder OWN = ApplicationFolder.create("bizmaster-forwarding");
    private static final String FILES = "src/test/resources/forwarding/";

    @DynamicPropertySource
    static void twoDomainsAForwardingFileAndABff(DynamicPropertyRegistry registry) {
        OWN.register(registry);
        registry.add("bizmaster.domains.crm.catalog", () -> FILES + "crm-catalog.yaml");
        registry.add("bizmaster.domains.shop.catalog", () -> FILES + "shop-catalog.yaml");
        registry.add("bizmaster.forwarding", () -> FILES + "forwarding.yaml");
        ConfiguredUsers.add(registry, OWN, "bff", "appcenter", "bff-secret-3");
    }

    @LocalServerPort
    int port;
    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    EmbeddedBroker broker;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void eachCommandGoesToItsDomainsQueueForwardedByItsRuleWithTheBffAsSource() throws Exception {
        String rename = """
                {"id":"fw-1","type":"bff.contact.rename","key":"c-1","source":"browser","issuedAt":"2026-12-01T10:00:00Z",\
                "payload":{"displayName":" Ada King ","avatar":"ada.png"}}""";
        String ordered = """
                {"id":"fw-2","type":"cart.ordered","key":"o-1","source":"shop-front",\
                "payload":{"contact":"c-1","amount":12.30,"currency":"EUR"}}""";
        String registered = """
                {"id":"fw-3","type":"customer.registered","key":"fw-C3","source":"legacy-app","payload":{"name":"Ada",\
                "address":{"street":"1 Main St","zip":"1000","city":"Delft"}}}""";
        String order = """
                {"id":"fw-4","type":"bff.cart.order","key":"o-1","payload":{"contact":"c-1","total":"99.90","currency":"usd"}}""";

        EntityExchangeResult<String> posted = bff().post("/api/commands",
                "[" + rename + ", " + ordered + ",\n" + registered + ", " + order + "]");

        assertThat(posted.getStatus().value()).as(posted.getResponseBody()).isEqualTo(202);
        JsonNode answer = json.readTree(posted.getResponseBody());
        assertThat(answer.path("queued").asInt()).isEqualTo(4);
        assertThat(answer.path("routed")).isEqualTo(json.readTree("""
                [{"id":"fw-1","type":"contact.renamed","domain":"crm","queue":"biz.commands.crm",\
                "forwardedFrom":"bff.contact.rename"},
                 {"id":"fw-2","type":"cart.ordered","domain":"shop","queue":"biz.commands.shop"},
                 {"id":"fw-3","type":"customer.registered","domain":"default","queue":"biz.commands"},
                 {"id":"fw-4","type":"cart.ordered","domain":"shop","queue":"biz.commands.shop",\
                "forwardedFrom":"bff.cart.order"}]"""));

        List<Message> crm = drain("biz.commands.crm", 1);
        assertThat(json.readTree(text(crm.get(0)))).as("the rule's command, sent by the BFF").isEqualTo(json.readTree("""
                {"id":"fw-1","type":"contact.renamed","key":"c-1","source":"bff","issuedAt":"2026-12-01T10:00:00Z",\
                "payload":{"name":"Ada King"}}"""));
        assertThat(crm.get(0).getStringProperty("JMSXGroupID")).isEqualTo("c-1");

        List<Message> shop = drain("biz.commands.shop", 2);
        assertThat(text(shop.get(0))).as("a type of the shop goes as posted, byte for byte").isEqualTo(ordered);
        assertThat(text(shop.get(1))).as("in the posted order, decimals as written").isEqualTo("""
                {"id":"fw-4","type":"cart.ordered","key":"o-1","payload":{"contact":"c-1","amount":99.90,"currency":"USD"},\
                "source":"bff"}""");

        Eventually.await("fw-3 logged by the default domain's intake", Duration.ofSeconds(30),
                () -> !log.byCommandId("fw-3").isEmpty(), () -> "log head " + log.head());
        LogEntry logged = log.byCommandId("fw-3").get(0);
        assertThat(logged.accepted()).as(logged.reason()).isTrue();
        assertThat(logged.domain()).isNull();
        assertThat(logged.source()).as("the default domain's commands keep the source posted").isEqualTo("legacy-app");
        assertThat(log.byCommandId("fw-1")).as("a domain's command is not the default domain's").isEmpty();
    }

    @Test
    void aRuleThatCannotMakeItsCommandQueuesNothingOfThePost() {
        String ordered = """
                {"id":"fw-5","type":"cart.ordered","key":"o-5","payload":{"contact":"c-1","amount":1,"currency":"EUR"}}""";
        String order = """
                {"id":"fw-6","type":"bff.cart.order","key":"o-6","payload":{"contact":"c-1","total":"lots","currency":"EUR"}}""";

        EntityExchangeResult<String> posted = bff().post("/api/commands", "[" + ordered + ", " + order + "]");

        assertThat(posted.getStatus().value()).isEqualTo(422);
        assertThat(posted.getResponseBody()).contains("command fw-6", "bff.cart.order -> cart.ordered",
                "payload.amount = decimal(payload.total)", "nothing was queued").doesNotContain("lots");
        // The post was refused before anything was sent, so this count is final, not a snapshot of a race.
        assertThat(messageCount("biz.commands.shop")).isZero();
    }

    private ApiClient bff() {
        return new ApiClient(port, "bff", "bff-secret-3");
    }

    /** Takes exactly {@code count} messages off the queue, and checks it then holds no more. */
    private List<Message> drain(String queue, int count) throws JMSException {
        List<Message> messages = new ArrayList<>();
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            connection.start();
            for (int i = 0; i < count; i++) {
                Message message = consumer.receive(30_000);
                assertThat(message).as("message " + (i + 1) + " of " + count + " on " + queue).isNotNull();
                messages.add(message);
            }
            session.commit();
        }
        assertThat(messageCount(queue)).as("what is left on " + queue).isZero();
        return messages;
    }

    private long messageCount(String name) {
        Queue queue = broker.server().locateQueue(SimpleString.of(name));
        return queue == null ? 0 : queue.getMessageCount();
    }

    private static String text(Message message) throws JMSException {
        return ((TextMessage) message).getText();
    }
}
