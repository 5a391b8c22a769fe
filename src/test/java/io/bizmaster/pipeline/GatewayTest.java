package io.bizmaster.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.testing.StompFrames;
import io.bizmaster.testing.AppCenter;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.PipelineTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** How AppCenters that are not Java reach BizMaster: HTTP, and STOMP on the broker's one acceptor. */
class GatewayTest extends PipelineTestSupport {


    private final ObjectMapper json = new ObjectMapper();

    @Test
    void httpGatewayQueuesCommandsAndTheLogAnswersForEachStore() throws Exception {
        long before = log.head();
        String body = "[" + new String(Commands.registered("http-1", "http-C1", "Barbara Liskov"), StandardCharsets.UTF_8)
                + ", {\"id\":\"http-2\",\"type\":\"customer.credited\",\"key\":\"http-C1\",\"payload\":{\"amount\":-5}}"
                + ", " + new String(Commands.credited("http-3", "http-C1", 7, "2026-02-02T10:00:00+01:00"), StandardCharsets.UTF_8)
                + "]";
        EntityExchangeResult<String> posted = postJson("/api/commands", body);

        assertThat(posted.getStatus().value()).isEqualTo(202);
        JsonNode answer = json.readTree(posted.getResponseBody());
        assertThat(answer.path("queued").asInt()).isEqualTo(3);
        assertThat(answer.path("ids").toString()).isEqualTo("[\"http-1\",\"http-2\",\"http-3\"]");
        awaitApplied(before + 3, Duration.ofSeconds(60));

        JsonNode accepted = json.readTree(getBody("/api/commands/http-3"));
        assertThat(accepted.at("/logged/0/entry/status").asString()).isEqualTo("ACCEPTED");
        assertThat(accepted.at("/logged/0/stores").toString())
                .contains("{\"store\":\"legacy\",\"state\":\"APPLIED\"}", "{\"store\":\"modern\",\"state\":\"APPLIED\"}");
        JsonNode rejected = json.readTree(getBody("/api/commands/http-2"));
        assertThat(rejected.at("/logged/0/entry/status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.at("/logged/0/entry/reason").asString()).contains("payload.amount");
        assertThat(rejected.at("/logged/0/stores/0/state").asString()).isEqualTo("SKIPPED");

        JsonNode page = json.readTree(getBody("/api/commands?status=REJECTED&after=" + before + "&limit=10"));
        assertThat(page.path("commands")).hasSize(1);
        assertThat(page.at("/commands/0/commandId").asString()).isEqualTo("http-2");

        JsonNode storesView = json.readTree(getBody("/api/stores"));
        assertThat(storesView).hasSize(2);
        for (JsonNode store : storesView) {
            assertThat(store.path("lag").asLong()).as(store.path("name").asString()).isZero();
            assertThat(store.path("checkpoint").asLong()).isEqualTo(log.head());
        }
        assertThat(storesView.toString()).contains("\"converter\":\"legacy@1\"", "\"role\":\"shadow\"");
        assertThat(DemoStores.rows(store("legacy"), "SELECT ID, BALANCE FROM CUSTOMER WHERE ID = ?", "http-C1"))
                .containsEntry("http-C1", List.of(7L));
    }

    @Test
    void httpGatewayExplainsAnEmptyBodyAndUnknownStore() {
        EntityExchangeResult<String> empty = postJson("/api/commands", "");
        assertThat(empty.getStatus().value()).isEqualTo(400);
        assertThat(empty.getResponseBody()).contains("the body is empty");
        EntityExchangeResult<String> unknown = get("/api/stores/nosuch");
        assertThat(unknown.getStatus().value()).isEqualTo(404);
        assertThat(unknown.getResponseBody()).contains("no store named 'nosuch'", "legacy", "modern");
        EntityExchangeResult<String> missing = get("/api/commands/never-sent");
        assertThat(missing.getStatus().value()).isEqualTo(404);
    }

    private EntityExchangeResult<String> postJson(String path, String body) {
        return api().post(path, body);
    }

    private EntityExchangeResult<String> get(String path) {
        return api().get(path);
    }

    private String getBody(String path) {
        return get(path).getResponseBody();
    }

    @Test
    void everyStoreHasAHealthCheck() throws Exception {
        JsonNode health = json.readTree(getBody("/actuator/health/stores"));
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/legacy/details/role").asString()).isEqualTo("primary");
        assertThat(health.at("/components/modern/details/converter").asString()).isEqualTo("modern@1");
    }

    /** STOMP over a plain socket, as a Python, Ruby or shell AppCenter would do it. */
    @Test
    void aStompClientPostsACommandOnTheSharedAcceptor() throws Exception {
        long before = log.head();
        String command = new String(Commands.registered("stomp-1", "stomp-C1", "Radia Perlman"), StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", BROKER_PORT)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            StompFrames.write(out, "CONNECT\naccept-version:1.2\nhost:127.0.0.1\n" + AppCenter.stompLogin() + "\n");
            assertThat(StompFrames.read(in)).startsWith("CONNECTED");
            StompFrames.write(out, "SEND\ndestination:biz.commands\ncontent-type:application/json\nreceipt:r1\n\n" + command);
            assertThat(StompFrames.read(in)).startsWith("RECEIPT").contains("receipt-id:r1");
            StompFrames.write(out, "DISCONNECT\nreceipt:r2\n\n");
            assertThat(StompFrames.read(in)).startsWith("RECEIPT");
        }
        awaitApplied(before + 1, Duration.ofSeconds(60));
        assertThat(log.byCommandId("stomp-1")).hasSize(1);
        assertThat(DemoStores.rows(store("modern"), "SELECT id, first_name, last_name FROM customers WHERE id = ?", "stomp-C1"))
                .containsEntry("stomp-C1", List.of("Radia", "Perlman"));
    }

    /**
     * OpenWire, as an application on an ActiveMQ 5/6 client sends it. Artemis' OpenWire module runs here
     * without the javax.jms client it names as a dependency (see pom.xml), so this proves the pairing.
     */
    @Test
    void anOpenWireClientPostsACommandOnTheSharedAcceptor() throws Exception {
        long before = log.head();
        byte[] command = Commands.registered("openwire-1", "openwire-C1", "Leslie Lamport");
        org.apache.activemq.ActiveMQConnectionFactory factory =
                new org.apache.activemq.ActiveMQConnectionFactory(AppCenter.USER, AppCenter.PASSWORD,
                        "tcp://127.0.0.1:" + BROKER_PORT);
        try (jakarta.jms.Connection connection = factory.createConnection()) {
            jakarta.jms.Session session = connection.createSession(true, jakarta.jms.Session.SESSION_TRANSACTED);
            jakarta.jms.BytesMessage message = session.createBytesMessage();
            message.writeBytes(command);
            session.createProducer(session.createQueue("biz.commands")).send(message);
            session.commit();
        }
        awaitApplied(before + 1, Duration.ofSeconds(60));
        assertThat(log.byCommandId("openwire-1")).hasSize(1);
        assertThat(DemoStores.rows(store("legacy"), "SELECT ID, NAME FROM CUSTOMER WHERE ID = ?", "openwire-C1"))
                .containsEntry("openwire-C1", List.of("Leslie Lamport"));
    }
}
