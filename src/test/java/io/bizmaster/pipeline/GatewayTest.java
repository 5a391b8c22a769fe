package io.bizmaster.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** How AppCenters that are not Java reach BizMaster: HTTP, and STOMP on the broker's one acceptor. */
class GatewayTest extends PipelineTestSupport {

    @Autowired
    TestRestTemplate http;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void httpGatewayQueuesCommandsAndTheLogAnswersForEachStore() throws Exception {
        long before = log.head();
        String body = "[" + new String(Commands.registered("http-1", "http-C1", "Barbara Liskov"), StandardCharsets.UTF_8)
                + ", {\"id\":\"http-2\",\"type\":\"customer.credited\",\"key\":\"http-C1\",\"payload\":{\"amount\":-5}}"
                + ", " + new String(Commands.credited("http-3", "http-C1", 7, "2026-02-02T10:00:00+01:00"), StandardCharsets.UTF_8)
                + "]";
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> posted = http.postForEntity("/api/commands", new HttpEntity<>(body, headers), String.class);

        assertThat(posted.getStatusCode().value()).isEqualTo(202);
        JsonNode answer = json.readTree(posted.getBody());
        assertThat(answer.path("queued").asInt()).isEqualTo(3);
        assertThat(answer.path("ids").toString()).isEqualTo("[\"http-1\",\"http-2\",\"http-3\"]");
        awaitApplied(before + 3, Duration.ofSeconds(60));

        JsonNode accepted = json.readTree(http.getForObject("/api/commands/http-3", String.class));
        assertThat(accepted.at("/logged/0/entry/status").asText()).isEqualTo("ACCEPTED");
        assertThat(accepted.at("/logged/0/stores").toString())
                .contains("{\"store\":\"legacy\",\"state\":\"APPLIED\"}", "{\"store\":\"modern\",\"state\":\"APPLIED\"}");
        JsonNode rejected = json.readTree(http.getForObject("/api/commands/http-2", String.class));
        assertThat(rejected.at("/logged/0/entry/status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.at("/logged/0/entry/reason").asText()).contains("payload.amount");
        assertThat(rejected.at("/logged/0/stores/0/state").asText()).isEqualTo("SKIPPED");

        JsonNode page = json.readTree(http.getForObject("/api/commands?status=REJECTED&after=" + before + "&limit=10", String.class));
        assertThat(page.path("commands")).hasSize(1);
        assertThat(page.at("/commands/0/commandId").asText()).isEqualTo("http-2");

        JsonNode storesView = json.readTree(http.getForObject("/api/stores", String.class));
        assertThat(storesView).hasSize(2);
        for (JsonNode store : storesView) {
            assertThat(store.path("lag").asLong()).as(store.path("name").asText()).isZero();
            assertThat(store.path("checkpoint").asLong()).isEqualTo(log.head());
        }
        assertThat(storesView.toString()).contains("\"converter\":\"legacy@1\"", "\"role\":\"shadow\"");
        assertThat(DemoStores.rows(store("legacy"), "SELECT ID, BALANCE FROM CUSTOMER WHERE ID = ?", "http-C1"))
                .containsEntry("http-C1", List.of(7L));
    }

    @Test
    void httpGatewayExplainsAnEmptyBodyAndUnknownStore() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> empty = http.postForEntity("/api/commands", new HttpEntity<>("", headers), String.class);
        assertThat(empty.getStatusCode().value()).isEqualTo(400);
        assertThat(empty.getBody()).contains("the body is empty");
        ResponseEntity<String> unknown = http.getForEntity("/api/stores/nosuch", String.class);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).contains("no store named 'nosuch'", "legacy", "modern");
        ResponseEntity<String> missing = http.getForEntity("/api/commands/never-sent", String.class);
        assertThat(missing.getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void everyStoreHasAHealthCheck() throws Exception {
        JsonNode health = json.readTree(http.getForObject("/actuator/health/stores", String.class));
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/legacy/details/role").asText()).isEqualTo("primary");
        assertThat(health.at("/components/modern/details/converter").asText()).isEqualTo("modern@1");
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
            frame(out, "CONNECT\naccept-version:1.2\nhost:127.0.0.1\n\n");
            assertThat(readFrame(in)).startsWith("CONNECTED");
            frame(out, "SEND\ndestination:biz.commands\ncontent-type:application/json\nreceipt:r1\n\n" + command);
            assertThat(readFrame(in)).startsWith("RECEIPT").contains("receipt-id:r1");
            frame(out, "DISCONNECT\nreceipt:r2\n\n");
            assertThat(readFrame(in)).startsWith("RECEIPT");
        }
        awaitApplied(before + 1, Duration.ofSeconds(60));
        assertThat(log.byCommandId("stomp-1")).hasSize(1);
        assertThat(DemoStores.rows(store("modern"), "SELECT id, first_name, last_name FROM customers WHERE id = ?", "stomp-C1"))
                .containsEntry("stomp-C1", List.of("Radia", "Perlman"));
    }

    private static void frame(OutputStream out, String frame) throws Exception {
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        out.flush();
    }

    private static String readFrame(InputStream in) throws Exception {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != 0) {
            if (b < 0) {
                throw new IllegalStateException("connection closed after: " + frame);
            }
            if (frame.size() == 0 && (b == '\n' || b == '\r')) {
                continue;
            }
            frame.write(b);
        }
        return frame.toString(StandardCharsets.UTF_8);
    }
}
