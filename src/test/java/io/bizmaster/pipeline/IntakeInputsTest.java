package io.bizmaster.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.log.CommandStatus;
import io.bizmaster.log.LogEntry;
import io.bizmaster.testing.StompFrames;
import io.bizmaster.testing.ApiClient;
import io.bizmaster.testing.AppCenter;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.PipelineTestSupport;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.OutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every message on {@code biz.commands} gets exactly one log entry, whatever a sender puts in it and whichever protocol
 * carries it (CORE and AMQP JMS clients, STOMP over a socket): each bad message is logged as rejected with its reason,
 * the ordinary command sent right after it is logged after it and applied on every store, and nothing is retried.
 */
class IntakeInputsTest extends PipelineTestSupport {

    private static final AtomicInteger SENTINELS = new AtomicInteger();
    private static ActiveMQConnectionFactory core;
    private static JmsConnectionFactory amqp;

    private ApiClient api;

    @org.junit.jupiter.api.BeforeEach
    void client() {
        api = api();
    }

    @BeforeAll
    static void clients() {
        core = AppCenter.core(BROKER_PORT);
        amqp = new JmsConnectionFactory(AppCenter.USER, AppCenter.PASSWORD, "amqp://127.0.0.1:" + BROKER_PORT);
    }

    @AfterAll
    static void close() {
        core.close();
    }

    /** Deserialising this anywhere in the JVM (the embedded broker's consumer runs in it) trips the wire. */
    static final class Tripwire implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        static final AtomicBoolean TRIPPED = new AtomicBoolean();

        @Serial
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            TRIPPED.set(true);
            in.defaultReadObject();
        }
    }

    @Test
    void bodiesThatAreNotTextOrBytesAreRejectedNamingTheirTypeAndAnObjectMessageIsNeverDeserialised() throws Exception {
        expectRejected(core, s -> s.createObjectMessage(new Tripwire()), "the message is a JMS ObjectMessage, which "
                + "BizMaster does not read (a serialised Java object is never deserialised here)");
        expectRejected(amqp, s -> s.createObjectMessage(new Tripwire()), "ObjectMessage");
        expectRejected(core, s -> {
            MapMessage map = s.createMapMessage();
            map.setString("id", "map-1");
            map.setString("type", "customer.renamed");
            return map;
        }, "the message is a JMS MapMessage");
        expectRejected(amqp, Session::createMapMessage, "MapMessage");
        expectRejected(core, s -> {
            StreamMessage stream = s.createStreamMessage();
            stream.writeString("{}");
            return stream;
        }, "the message is a JMS StreamMessage");
        expectRejected(core, Session::createMessage, "empty body");
        assertThat(Tripwire.TRIPPED).as("an ObjectMessage body was deserialised").isFalse();
    }

    /** Sizes are decided before the body is read: from the bytes message's length, or the broker's large-message size. */
    @Test
    void oversizedBodiesAreRejectedUnreadWhateverTheirSizeAndProtocol() throws Exception {
        expectRejected(core, s -> bytes(s, new byte[70_000]), "command is 70,000 bytes, over the 65,536-byte limit (not read)");
        // Over the broker's 100 KiB large-message threshold: streamed, never whole in memory here.
        expectRejected(core, s -> bytes(s, new byte[5 * 1024 * 1024]),
                "command is 5,242,880 bytes, over the 65,536-byte limit (not read)");
        expectRejected(core, s -> s.createTextMessage("x".repeat(300_000)), "over the 65,536-byte limit");
        expectRejected(amqp, s -> bytes(s, new byte[2 * 1024 * 1024]), "over the 65,536-byte limit");
    }

    @Test
    void invalidUtf8IsRejectedWhateverTheProtocolDeliveredItAs() throws Exception {
        byte[] invalid = command("utf-1", "bad \u00ff name").replace("\u00ff", "\u0000").getBytes(StandardCharsets.UTF_8);
        invalid[indexOf(invalid, (byte) 0)] = (byte) 0xC3;
        invalid[indexOf(invalid, (byte) 0xC3) + 1] = (byte) 0x28; // C3 28: a lead byte without its continuation
        expectRejected(core, s -> bytes(s, invalid), "not valid UTF-8");
        expectRejected(amqp, s -> bytes(s, invalid), "not valid UTF-8");
        // STOMP: with content-length the body arrives as bytes, without it the broker decodes it into text (U+FFFD).
        expectRejectedOverStomp(invalid, true, "not valid UTF-8");
        expectRejectedOverStomp(invalid, false, "U+FFFD, the replacement character");
    }

    /** A UTF-8 byte order mark is accepted end to end: the log keeps the command without it, every store applies it. */
    @Test
    void aByteOrderMarkIsAcceptedAndTheLogKeepsTheCommandWithoutIt() throws Exception {
        long before = log.head();
        byte[] body = ("\uFEFF" + command("bom-1", "Grace Hopper")).getBytes(StandardCharsets.UTF_8);
        send(core, s -> bytes(s, body));
        send(amqp, s -> s.createTextMessage("\uFEFF" + command("bom-2", "Ada Lovelace")));
        awaitApplied(before + 2, Duration.ofSeconds(60));
        List<LogEntry> logged = log.readAfter(before, 10);
        assertThat(logged).extracting(LogEntry::status).containsOnly(CommandStatus.ACCEPTED);
        assertThat(logged).allSatisfy(e -> assertThat(e.body()).startsWith("{"));
        assertThat(DemoStores.rows(store("modern"), "SELECT id, first_name FROM customers WHERE id IN (?, ?)", "in-bom-1",
                "in-bom-2")).containsEntry("in-bom-1", List.of("Grace")).containsEntry("in-bom-2", List.of("Ada"));
        JsonNode intake = api.getJson("/actuator/health/intake");
        assertThat(intake.path("status").asString()).isEqualTo("UP");
        assertThat(intake.at("/details/intake.logged").asLong()).isGreaterThanOrEqualTo(2);
    }

    /** Keys are bounded by the catalogue to what the stores' key columns hold: a longer one is rejected, not parked. */
    @Test
    void aKeyLongerThanTheStoresKeyColumnsIsRejectedAtTheIntake() throws Exception {
        String key = "😀".repeat(33);
        expectRejected(core, s -> bytes(s, ("{\"id\":\"long-key-1\",\"type\":\"customer.renamed\",\"key\":\"" + key
                + "\",\"payload\":{\"name\":\"X\"}}").getBytes(StandardCharsets.UTF_8)),
                "key: 66 UTF-16 units (a character outside the BMP, such as most emoji, counts as 2), over the maximum of 64");
    }

    /**
     * A reused id is a duplicate only when the command is the same (type, key, payload): a different command under a
     * logged id is rejected, naming the seq that holds the id, and the HTTP gateway answers 409; a retry whose
     * issuedAt was regenerated stays a harmless duplicate.
     */
    @Test
    void anIdReusedForADifferentCommandIsRejectedAndARetryWithANewIssuedAtIsADuplicate() throws Exception {
        long before = log.head();
        send(core, s -> bytes(s, commandAt("reuse-1", "Alan Turing", "2026-01-01T00:00:00Z").getBytes(StandardCharsets.UTF_8)));
        awaitApplied(before + 1, Duration.ofSeconds(60));
        long first = log.byCommandId("reuse-1").get(0).seq();

        expectRejected(core, s -> bytes(s, commandAt("reuse-1", "Alan M. Turing", "2026-01-01T00:00:00Z")
                .getBytes(StandardCharsets.UTF_8)), "id 'reuse-1' already used at seq " + first
                + " by a different command (payload differs); a new command needs a new id");

        long head = log.head();
        send(core, s -> bytes(s, commandAt("reuse-1", "Alan Turing", "2026-06-01T12:00:00Z").getBytes(StandardCharsets.UTF_8)));
        String sentinel = sendSentinel(core);
        awaitLogged(sentinel);
        assertThat(log.readAfter(head, 10)).extracting(LogEntry::commandId).containsExactly(sentinel);

        var answer = api.post("/api/commands", "{\"id\":\"reuse-1\",\"type\":\"customer.renamed\",\"key\":\"in-c1\","
                + "\"payload\":{\"name\":\"Someone Else\"}}");
        assertThat(answer.getStatus().value()).isEqualTo(409);
        assertThat(answer.getResponseBody()).contains("id 'reuse-1' already used at seq " + first + " by a different command "
                + "(type 'customer.renamed', logged as 'customer.registered' differs)");
        Eventually.await("the reuse over HTTP logged as rejected", Duration.ofSeconds(60),
                () -> log.byCommandId("reuse-1").size() == 3);
        JsonNode view = api.getJson("/api/commands/reuse-1");
        assertThat(view.at("/logged/0/entry/status").asString()).isEqualTo("ACCEPTED");
        assertThat(view.at("/logged/1/entry/status").asString()).isEqualTo("REJECTED");
        assertThat(view.at("/logged/2/entry/reason").asString()).contains("already used at seq " + first);
        assertThat(DemoStores.rows(store("legacy"), "SELECT ID, NAME FROM CUSTOMER WHERE ID = ?", "in-c1"))
                .containsEntry("in-c1", List.of("Alan Turing"));
    }

    /** Two order.placed for one key: the second cannot be inserted; it is parked in every store, other keys go on. */
    @Test
    void aSecondInsertOfTheSameKeyIsParkedInEveryStoreAndOtherKeysGoOn() throws Exception {
        long before = log.head();
        String placed = "{\"id\":\"%s\",\"type\":\"order.placed\",\"key\":\"%s\",\"payload\":{\"customerId\":\"in-c1\","
                + "\"total\":5}}";
        send(core, s -> bytes(s, String.format(placed, "twice-1", "in-o1").getBytes(StandardCharsets.UTF_8)));
        send(core, s -> bytes(s, String.format(placed, "twice-2", "in-o1").getBytes(StandardCharsets.UTF_8)));
        send(core, s -> bytes(s, String.format(placed, "twice-3", "in-o2").getBytes(StandardCharsets.UTF_8)));
        awaitApplied(before + 3, Duration.ofSeconds(60));
        try {
            for (String store : List.of("legacy", "modern")) {
                JsonNode parked = api.getJson("/api/stores/" + store + "/parked?key=in-o1");
                assertThat(parked.path("commands").findValuesAsString("commandId")).as(store).containsExactly("twice-2");
                assertThat(parked.at("/commands/0/reason").asString()).as(store).contains("twice-2", "in-o1");
            }
            assertThat(DemoStores.rows(store("modern"), "SELECT id, status FROM orders WHERE id = ?", "in-o2"))
                    .containsEntry("in-o2", List.of("PLACED"));
        } finally {
            // Other test classes share this application and verify its stores: leave nothing parked.
            for (String store : List.of("legacy", "modern")) {
                for (JsonNode p : api.getJson("/api/stores/" + store + "/parked").path("commands")) {
                    if ("PARKED".equals(p.path("state").asString())) {
                        api.postOk("/api/stores/" + store + "/parked/" + p.path("seq").asLong() + "/skip",
                                "{\"reason\":\"a second insert of the key: the first one stands\"}", 200);
                    }
                }
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface MessageMaker {
        Message make(Session session) throws Exception;
    }

    private static String command(String id, String name) {
        return "{\"id\":\"" + id + "\",\"type\":\"customer.registered\",\"key\":\"in-" + id + "\",\"payload\":{\"name\":\""
                + name + "\",\"address\":{\"street\":\"1 Main St\",\"zip\":\"1\",\"city\":\"Z\"}}}";
    }

    private static String commandAt(String id, String name, String issuedAt) {
        return "{\"id\":\"" + id + "\",\"type\":\"customer.registered\",\"key\":\"in-c1\",\"issuedAt\":\"" + issuedAt
                + "\",\"payload\":{\"name\":\"" + name + "\",\"address\":{\"street\":\"1 Main St\",\"zip\":\"1\",\"city\":\"Z\"}}}";
    }

    private static BytesMessage bytes(Session session, byte[] body) throws Exception {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(body);
        return message;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("no " + b + " in " + Arrays.toString(bytes));
    }

    private static void send(ConnectionFactory factory, MessageMaker maker) throws Exception {
        try (Connection connection = factory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(session.createQueue("biz.commands"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(maker.make(session));
        }
    }

    private String sendSentinel(ConnectionFactory factory) throws Exception {
        String id = "sentinel-" + SENTINELS.incrementAndGet();
        send(factory, s -> s.createTextMessage("{\"id\":\"" + id + "\",\"type\":\"customer.credited\",\"key\":\"in-sentinel\","
                + "\"payload\":{\"amount\":1}}"));
        return id;
    }

    private void awaitLogged(String id) {
        Eventually.await(id + " logged", Duration.ofSeconds(60), () -> !log.byCommandId(id).isEmpty(), this::describe);
    }

    /**
     * Sends the bad message, then an ordinary command: the log gets exactly two entries, the rejection with its reason
     * and then the command, which every store applies.
     */
    private void expectRejected(ConnectionFactory factory, MessageMaker bad, String reason) throws Exception {
        long before = log.head();
        send(factory, bad);
        String sentinel = sendSentinel(factory);
        assertRejectedThen(before, sentinel, reason);
    }

    private void expectRejectedOverStomp(byte[] body, boolean contentLength, String reason) throws Exception {
        long before = log.head();
        try (Socket socket = new Socket("127.0.0.1", BROKER_PORT)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            StompFrames.write(out, ("CONNECT\naccept-version:1.2\nhost:127.0.0.1\n" + AppCenter.stompLogin() + "\n").getBytes(StandardCharsets.UTF_8));
            assertThat(StompFrames.read(in)).startsWith("CONNECTED");
            String headers = "SEND\ndestination:biz.commands\nreceipt:r1\n"
                    + (contentLength ? "content-length:" + body.length + "\n" : "") + "\n";
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(headers.getBytes(StandardCharsets.UTF_8));
            frame.write(body);
            StompFrames.write(out, frame.toByteArray());
            assertThat(StompFrames.read(in)).startsWith("RECEIPT");
        }
        String sentinel = sendSentinel(core);
        assertRejectedThen(before, sentinel, reason);
    }

    private void assertRejectedThen(long before, String sentinel, String reason) {
        awaitLogged(sentinel);
        List<LogEntry> entries = log.readAfter(before, 10);
        assertThat(entries).as("one entry for the bad message, then the sentinel").hasSize(2);
        assertThat(entries.get(0).status()).isEqualTo(CommandStatus.REJECTED);
        assertThat(entries.get(0).reason()).contains(reason);
        assertThat(entries.get(1).commandId()).isEqualTo(sentinel);
        assertThat(entries.get(1).status()).isEqualTo(CommandStatus.ACCEPTED);
        awaitApplied(entries.get(1).seq(), Duration.ofSeconds(60));
    }
}
