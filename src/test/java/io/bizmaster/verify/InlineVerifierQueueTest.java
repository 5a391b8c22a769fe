package io.bizmaster.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.TestApplication;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A queue far too small for the stream: the inline verifier drops and counts what does not fit, the
 * stores apply everything regardless, and what it does compare raises no false alarm.
 */
class InlineVerifierQueueTest {

    @TempDir
    Path data;

    @Test
    void aFullQueueDropsAndCountsAndNeverHoldsTheStoresBack() throws Exception {
        DemoStream stream = DemoStream.generate(4_000, 400, 3, "queue");
        TestApplication app = TestApplication.inFolder(data)
                .with("bizmaster.verify.inline.queue-capacity", 20)
                .with("bizmaster.verify.inline.sample-rate", 0.5);
        try (ConfigurableApplicationContext context = app.start()) {
            context.getBean(CommandPoster.class).post(stream.messages().stream().map(m -> CommandSplitter.split(m).get(0)).toList());
            StoreStatusService status = context.getBean(StoreStatusService.class);
            long total = stream.messages().size();
            Eventually.await("every command applied to both stores", Duration.ofMinutes(2),
                    () -> status.all().stream().allMatch(s -> s.checkpoint() == total), () -> status.all().toString());
            InlineVerifier inline = context.getBean(InlineVerifier.class);
            Eventually.await("the inline queue drained", Duration.ofSeconds(60), () -> inline.status().queued() == 0);

            InlineStatus.Pair pair = inline.status().pairs().get(0);
            assertThat(inline.status().sampleRate()).isEqualTo(0.5);
            assertThat(pair.dropped()).as(pair.toString()).isPositive();
            assertThat(pair.compared()).as(pair.toString()).isPositive();
            assertThat(pair.mismatches()).as(pair.toString()).isZero();
            assertThat(pair.compared() + pair.dropped()).as("about half the commands sampled: " + pair)
                    .isLessThan(stream.valid() * 6L / 10);
        }
    }
}
