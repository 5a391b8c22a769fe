package io.bizmaster.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.broker.EmbeddedBroker;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.log.CommandStatus;
import io.bizmaster.log.LogEntry;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.PipelineTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Business commands from the broker through the command log into the legacy and the modern store. */
class PipelineTest extends PipelineTestSupport {

    @Autowired
    EmbeddedBroker broker;

    @Test
    void aStreamReachesBothStoresEachInItsOwnSchema() {
        long before = log.head();
        DemoStream stream = DemoStream.generate(3000, 300, 7, "stream");
        post(stream.messages());

        awaitApplied(before + stream.messages().size(), Duration.ofMinutes(3));

        DemoStores.assertLegacyMatches(store("legacy"), stream.model(), "stream");
        DemoStores.assertModernMatches(store("modern"), stream.model(), "stream");
        List<LogEntry> logged = log.readAfter(before, 10_000);
        assertThat(logged).hasSize(stream.messages().size());
        assertThat(logged).filteredOn(e -> e.status() == CommandStatus.REJECTED).hasSize(stream.invalid())
                .allSatisfy(e -> assertThat(e.reason()).isNotBlank());
        assertThat(stream.invalid()).isPositive();
    }

    @Test
    void theSameIdSentTwiceIsLoggedOnceAndAppliedOnce() {
        long before = log.head();
        post(List.of(
                Commands.registered("dup-1", "dup-C1", "Ada Lovelace"),
                Commands.credited("dup-credit", "dup-C1", 100, "2026-01-01T00:00:00Z"),
                // Same id, different bytes: the broker lets it through, the command log must not.
                Commands.credited("dup-credit", "dup-C1", 100, "2026-01-01T00:00:01Z"),
                // Byte-identical resend: the broker's duplicate detection drops it.
                Commands.credited("dup-credit", "dup-C1", 100, "2026-01-01T00:00:00Z")));

        awaitApplied(before + 2, Duration.ofSeconds(60));
        // The duplicate that reached the intake leaves no entry: the head stays at before + 2.
        post(List.of(Commands.credited("dup-after", "dup-C1", 1, "2026-01-01T00:00:02Z")));
        awaitApplied(before + 3, Duration.ofSeconds(60));

        assertThat(log.head()).isEqualTo(before + 3);
        assertThat(log.byCommandId("dup-credit")).hasSize(1);
        assertThat(DemoStores.rows(store("legacy"), "SELECT ID, BALANCE FROM CUSTOMER WHERE ID = ?", "dup-C1"))
                .containsEntry("dup-C1", List.of(101L));
        assertThat(DemoStores.rows(store("modern"), "SELECT id, loyalty_points FROM customers WHERE id = ?", "dup-C1"))
                .containsEntry("dup-C1", List.of(101L));
    }

    @Test
    void aRetriedPostWhoseFirstAttemptCommittedGoesThroughAndLogsNothingTwice() throws Exception {
        long before = log.head();
        List<io.bizmaster.gateway.OutgoingCommand> first = outgoing(
                Commands.registered("retry-1", "retry-C1", "Alan Turing"),
                Commands.credited("retry-2", "retry-C1", 10, "2026-01-01T00:00:00Z"));
        assertThat(poster.post(first)).isEqualTo(2);

        // The client never saw that answer and posts again, with one command more. The broker holds the first two:
        // in a transaction they used to roll the whole post back, every time it was retried.
        List<io.bizmaster.gateway.OutgoingCommand> retry = new java.util.ArrayList<>(first);
        retry.addAll(outgoing(Commands.credited("retry-3", "retry-C1", 5, "2026-01-01T00:00:01Z")));
        assertThat(poster.post(retry)).isEqualTo(3);

        awaitApplied(before + 3, Duration.ofSeconds(60));
        assertThat(log.head()).isEqualTo(before + 3);
        assertThat(log.byCommandId("retry-2")).hasSize(1);
        assertThat(DemoStores.rows(store("legacy"), "SELECT ID, BALANCE FROM CUSTOMER WHERE ID = ?", "retry-C1"))
                .containsEntry("retry-C1", List.of(15L));
    }

    private static List<io.bizmaster.gateway.OutgoingCommand> outgoing(byte[]... messages) {
        return java.util.Arrays.stream(messages).map(m -> io.bizmaster.gateway.CommandSplitter.split(m).get(0)).toList();
    }

    @Test
    void aRejectedIdCanBeCorrectedAndSentAgain() {
        long before = log.head();
        post(List.of(Commands.registered("fix-1", "fix-C1", "Grace Hopper"),
                Commands.raw("{\"id\":\"fix-2\",\"type\":\"customer.renamed\",\"key\":\"fix-C1\",\"payload\":{}}"),
                Commands.renamed("fix-2", "fix-C1", "Grace Brewster Hopper")));
        awaitApplied(before + 3, Duration.ofSeconds(60));

        assertThat(log.byCommandId("fix-2")).extracting(LogEntry::status)
                .containsExactly(CommandStatus.REJECTED, CommandStatus.ACCEPTED);
        assertThat(DemoStores.rows(store("legacy"), "SELECT ID, NAME FROM CUSTOMER WHERE ID = ?", "fix-C1"))
                .containsEntry("fix-C1", List.of("Grace Brewster Hopper"));
    }

    @Test
    void perKeyOrderHoldsOnEveryStore() {
        long before = log.head();
        List<byte[]> messages = new ArrayList<>();
        messages.add(Commands.registered("order-reg", "order-C1", "First Name"));
        messages.add(Commands.registered("order-reg2", "order-C2", "Other One"));
        for (int i = 1; i <= 200; i++) {
            messages.add(Commands.renamed("order-" + i, "order-C1", "Name " + i));
            messages.add(Commands.credited("order-credit-" + i, "order-C2", i, "2026-01-01T00:00:00Z"));
        }
        post(messages);
        awaitApplied(before + messages.size(), Duration.ofSeconds(90));

        long previous = 0;
        for (int i = 1; i <= 200; i++) {
            long seq = log.byCommandId("order-" + i).get(0).seq();
            assertThat(seq).as("seq of rename %d", i).isGreaterThan(previous);
            previous = seq;
        }
        assertThat(DemoStores.rows(store("legacy"), "SELECT ID, NAME FROM CUSTOMER WHERE ID = ?", "order-C1"))
                .containsEntry("order-C1", List.of("Name 200"));
        assertThat(DemoStores.rows(store("modern"), "SELECT id, first_name, last_name FROM customers WHERE id = ?", "order-C1"))
                .containsEntry("order-C1", List.of("Name", "200"));
        assertThat(DemoStores.rows(store("modern"), "SELECT id, loyalty_points FROM customers WHERE id = ?", "order-C2"))
                .containsEntry("order-C2", List.of(200L * 201 / 2));
    }

    @Test
    void badInputIsRejectedWithAClearReasonAndCommandsBehindItStillApply() {
        long before = log.head();
        Map<String, byte[]> bad = new java.util.LinkedHashMap<>();
        bad.put("malformed JSON", "{\"id\":\"bad-1\",\"type\":\"customer.renamed\",".getBytes(StandardCharsets.UTF_8));
        bad.put("unknown command type 'customer.exploded'", Commands.raw("{\"id\":\"bad-2\",\"type\":\"customer.exploded\","
                + "\"key\":\"bad-C1\",\"payload\":{}}"));
        bad.put("payload.name: required field is missing", Commands.raw("{\"id\":\"bad-3\",\"type\":\"customer.renamed\","
                + "\"key\":\"bad-C1\",\"payload\":{}}"));
        bad.put("payload.amount: expected integer", Commands.raw("{\"id\":\"bad-4\",\"type\":\"customer.credited\","
                + "\"key\":\"bad-C1\",\"payload\":{\"amount\":\"ten\"}}"));
        bad.put("over the 65,536-byte limit", Commands.renamed("bad-5", "bad-C1", "x".repeat(70_000)));
        bad.put("key", Commands.raw("{\"id\":\"bad-6\",\"type\":\"customer.renamed\",\"payload\":{\"name\":\"No Key\"}}"));
        bad.put("contains control character U+0000", Commands.raw("{\"id\":\"bad-7\",\"type\":\"customer.renamed\",\"key\":\"bad-C1\","
                + "\"payload\":{\"name\":\"nul\\u0000byte\"}}"));

        List<byte[]> messages = new ArrayList<>();
        messages.add(Commands.registered("bad-reg", "bad-C1", "Alan Turing"));
        int credit = 0;
        for (byte[] message : bad.values()) {
            messages.add(message);
            messages.add(Commands.credited("bad-credit-" + (++credit), "bad-C1", 10, "2026-01-01T00:00:00Z"));
        }
        post(messages);
        awaitApplied(before + messages.size(), Duration.ofSeconds(60));

        List<LogEntry> logged = log.readAfter(before, messages.size());
        List<String> reasons = logged.stream().filter(e -> e.status() == CommandStatus.REJECTED).map(LogEntry::reason).toList();
        assertThat(reasons).hasSize(bad.size());
        int i = 0;
        for (String expected : bad.keySet()) {
            assertThat(reasons.get(i++)).contains(expected);
        }
        assertThat(DemoStores.rows(store("legacy"), "SELECT ID, NAME, BALANCE FROM CUSTOMER WHERE ID = ?", "bad-C1"))
                .containsEntry("bad-C1", List.of("Alan Turing", 10L * bad.size()));
        assertThat(DemoStores.rows(store("modern"), "SELECT id, loyalty_points FROM customers WHERE id = ?", "bad-C1"))
                .containsEntry("bad-C1", List.of(10L * bad.size()));
        assertThat(broker.server().locateQueue(SimpleString.of("biz.dead-letter")).getMessageCount()).isZero();
    }

    @Test
    void aPausedShadowDoesNotHoldThePrimaryAndCatchesUpInOrderWhenResumed() throws Exception {
        long before = log.head();
        pipeline.pause("modern");
        long pausedAt = storeStatus("modern").checkpoint();

        DemoStream stream = DemoStream.generate(1000, 100, 11, "paused");
        post(stream.messages());
        long head = before + stream.messages().size();
        Eventually.await("legacy at the head while modern is paused", Duration.ofMinutes(2),
                () -> storeStatus("legacy").checkpoint() >= head, this::describe);

        assertThat(storeStatus("modern").checkpoint()).isEqualTo(pausedAt);
        assertThat(storeStatus("modern").paused()).isTrue();
        assertThat(storeStatus("modern").lag()).isGreaterThanOrEqualTo(stream.messages().size());
        // The queue holds the news of every intake batch the paused store has not heard; the commands wait in the log.
        assertThat(broker.server().locateQueue(SimpleString.of("biz.store.modern")).getMessageCount())
                .as("feed messages waiting in the paused store's queue").isPositive();
        DemoStores.assertLegacyMatches(store("legacy"), stream.model(), "paused");

        pipeline.resume("modern");
        awaitApplied(head, Duration.ofMinutes(2));
        DemoStores.assertModernMatches(store("modern"), stream.model(), "paused");
        Eventually.await("modern's queue drained", Duration.ofSeconds(30),
                () -> broker.server().locateQueue(SimpleString.of("biz.store.modern")).getMessageCount() == 0);
    }

    @Autowired
    PipelineControl pipeline;
}
