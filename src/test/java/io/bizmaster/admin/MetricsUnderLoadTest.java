package io.bizmaster.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.demo.DemoStream;
import io.bizmaster.intake.RejectionClass;
import io.bizmaster.log.CommandStatus;
import io.bizmaster.log.LogEntry;
import io.bizmaster.testing.AppCenter;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.LoadGenerator;
import io.bizmaster.testing.PrometheusScrape;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What Prometheus sees while AppCenters post: {@code /actuator/prometheus} scraped as a viewer, over HTTP, before,
 * during and after a demo stream goes through the broker (with bad messages of several kinds, so rejections move
 * too). The application is not the shared one (only the other OperationsTestSupport tests use it, one after the
 * other), so every count it compares between two scrapes moved for this test's messages only.
 */
class MetricsUnderLoadTest extends OperationsTestSupport {

    @Test
    void theBizMasterMetricsMoveAsTheLoadDoes() throws Exception {
        PrometheusScrape before = scrape();
        long headBefore = log.head();
        assertThat(before.value("bizmaster_log_head")).isEqualTo(headBefore);
        assertThat(before.help("bizmaster_commands_received_total")).as("a description").isNotBlank();

        DemoStream stream = DemoStream.generate(3_000, 300, 29, "metrics");
        List<PrometheusScrape> during = new ArrayList<>();
        try (LoadGenerator load = new LoadGenerator(stream, 1_000).start(poster)) {
            while (!load.done()) {
                during.add(scrape());
                Thread.sleep(100);
            }
            load.awaitDone(Duration.ofMinutes(2));
        }
        during.add(scrape());
        awaitApplied(headBefore + stream.messages().size(), Duration.ofMinutes(3));

        // Three bad messages of kinds the demo stream does not make, posted as an AppCenter posts.
        String reusedId = firstAcceptedId(headBefore);
        try (Connection connection = AppCenter.core(brokerPort()).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("biz.commands"));
            BytesMessage notUtf8 = session.createBytesMessage();
            notUtf8.writeBytes(new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            producer.send(notUtf8);
            producer.send(session.createObjectMessage("a serialised Java object"));
            producer.send(session.createTextMessage("{\"id\":\"" + reusedId + "\",\"type\":\"customer.renamed\","
                    + "\"key\":\"metrics-other\",\"payload\":{\"name\":\"Not The Same Command\"}}"));
        }
        int posted = stream.messages().size() + 3;
        long head = headBefore + posted;
        awaitApplied(head, Duration.ofMinutes(1));

        PrometheusScrape after = awaitScrape("the log head and both stores at seq " + head + ", lag 0", s ->
                s.value("bizmaster_log_head") == head
                        && s.value("bizmaster_store_checkpoint", "store", "legacy") == head
                        && s.value("bizmaster_store_checkpoint", "store", "modern") == head
                        && s.value("bizmaster_store_lag", "store", "legacy") == 0
                        && s.value("bizmaster_store_lag", "store", "modern") == 0);
        assertThat(after.value("bizmaster_log_head")).isEqualTo(log.head());

        assertThat(delta(before, after, "bizmaster_commands_received_total")).as("received").isEqualTo(posted);
        assertThat(delta(before, after, "bizmaster_commands_accepted_total")).as("accepted").isEqualTo(stream.valid());
        assertThat(delta(before, after, "bizmaster_commands_rejected_total")).as("rejected, every class")
                .isEqualTo(stream.invalid() + 3);
        assertThat(delta(before, after, "bizmaster_commands_duplicates_total")).as("duplicates").isZero();

        // By class: each rejection in the log counted under the class of its reason, none unclassified.
        Map<RejectionClass, Integer> logged = new EnumMap<>(RejectionClass.class);
        for (LogEntry e : log.readAfter(headBefore, posted)) {
            if (e.status() == CommandStatus.REJECTED) {
                logged.merge(RejectionClass.of(e.reason()), 1, Integer::sum);
            }
        }
        for (RejectionClass c : RejectionClass.values()) {
            assertThat(delta(before, after, "bizmaster_commands_rejected_total", "reason", c.tag()))
                    .as("rejected, reason=" + c.tag()).isEqualTo((double) logged.getOrDefault(c, 0));
        }
        assertThat(logged).containsEntry(RejectionClass.ENCODING, 1).containsEntry(RejectionClass.MESSAGE_TYPE, 1)
                .containsEntry(RejectionClass.ID_REUSED, 1).containsEntry(RejectionClass.OVERSIZED, 1)
                .containsKeys(RejectionClass.MALFORMED, RejectionClass.UNKNOWN_TYPE, RejectionClass.INVALID_FIELD)
                .doesNotContainKey(RejectionClass.OTHER);

        // Every accepted command timed once per store, from its append to the store's commit.
        for (String store : List.of("legacy", "modern")) {
            assertThat(delta(before, after, "bizmaster_store_apply_latency_seconds_count", "store", store))
                    .as("apply latencies timed for " + store).isEqualTo(stream.valid());
            assertThat(delta(before, after, "bizmaster_store_apply_latency_seconds_bucket", "store", store, "le", "+Inf"))
                    .as("the histogram's last bucket holds every one").isEqualTo(stream.valid());
            assertThat(after.samples("bizmaster_store_apply_latency_seconds_bucket", "store", store))
                    .as("a histogram, not only a count").hasSizeGreaterThan(10);
        }

        // Camel's route metrics: batches of the intake, feed messages of each store's route.
        assertThat(delta(before, after, "camel_exchanges_seconds_count", "routeId", "intake", "failed", "false"))
                .as("intake exchanges").isPositive();
        assertThat(delta(before, after, "camel_exchanges_seconds_count", "routeId", "apply-legacy", "failed", "false"))
                .as("apply-legacy exchanges").isPositive();

        // While the load ran, every scrape saw the counters and the head only grow, and never past their end.
        PrometheusScrape previous = before;
        for (PrometheusScrape s : during) {
            for (String counter : List.of("bizmaster_commands_received_total", "bizmaster_commands_accepted_total",
                    "bizmaster_commands_rejected_total", "bizmaster_log_head")) {
                assertThat(s.sum(counter)).as(counter + " during the load").isGreaterThanOrEqualTo(previous.sum(counter))
                        .isLessThanOrEqualTo(after.sum(counter));
            }
            previous = s;
        }
        assertThat(during.get(during.size() - 1).sum("bizmaster_commands_received_total") - before.sum(
                "bizmaster_commands_received_total")).as("received once the stream was posted")
                .isLessThanOrEqualTo(stream.messages().size());
    }

    private String firstAcceptedId(long after) {
        return log.readAfter(after, 10).stream().filter(LogEntry::accepted).findFirst().orElseThrow().commandId();
    }

    private PrometheusScrape awaitScrape(String what, java.util.function.Predicate<PrometheusScrape> condition) {
        PrometheusScrape[] last = new PrometheusScrape[1];
        Eventually.await(what, Duration.ofMinutes(1), () -> condition.test(last[0] = scrape()),
                () -> last[0] == null ? "" : last[0].samples("bizmaster_store_checkpoint") + " "
                        + last[0].samples("bizmaster_store_lag") + " " + last[0].samples("bizmaster_log_head"));
        return last[0];
    }
}
