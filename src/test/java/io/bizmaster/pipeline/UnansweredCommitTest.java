package io.bizmaster.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.broker.EmbeddedBroker;
import io.bizmaster.broker.batch.BatchHealth;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.gateway.OutgoingCommand;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.LogChecks;
import io.bizmaster.testing.TestApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.Interceptor;
import org.apache.activemq.artemis.core.protocol.core.Packet;
import org.apache.activemq.artemis.core.protocol.core.impl.PacketImpl;
import org.apache.activemq.artemis.core.protocol.core.impl.wireformat.SessionSendMessage;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The benchmark's 30-second stall as the client saw it: {@code AMQ219014 Timed out after waiting ... for response when
 * sending packet 43} — a session commit the broker did not answer in time. Here the broker commits and its answer is
 * lost on the way (an interceptor drops it), once for the intake's commit and once for a sender's, under load. The
 * intake gives up after {@code bizmaster.broker.call-timeout}, reconnects and goes on; the sender's poster posts the
 * messages again (Artemis fails the whole connection on a call timeout, so the pool's other sessions go too); in the end every command is in the log once, in per-key order, and both stores
 * equal the model.
 */
class UnansweredCommitTest {

    @TempDir
    Path data;

    @Test
    void aCommitWhoseAnswerIsLostCostsTheCallTimeoutAndNothingElse() throws Exception {
        String run = "unanswered";
        DemoStream stream = DemoStream.generate(4_000, 200, 29, run);
        List<OutgoingCommand> commands = stream.messages().stream().map(m -> CommandSplitter.split(m).get(0)).toList();
        TestApplication app = TestApplication.inFolder(data).with("bizmaster.broker.call-timeout", "1s");
        try (ConfigurableApplicationContext context = app.start()) {
            CommitAnswerDropper dropper = new CommitAnswerDropper();
            context.getBean(EmbeddedBroker.class).server().getRemotingService().addIncomingInterceptor(dropper.incoming());
            context.getBean(EmbeddedBroker.class).server().getRemotingService().addOutgoingInterceptor(dropper.outgoing());
            CommandPoster poster = context.getBean(CommandPoster.class);
            PipelineControl pipeline = context.getBean(PipelineControl.class);
            long intakeFailuresBefore = intakeFailures(pipeline);

            dropper.arm();
            // Posted as every gateway posts: the poster itself posts again what went unanswered.
            for (int posted = 0; posted < commands.size(); posted += 500) {
                poster.post(commands.subList(posted, posted + 500));
            }

            Eventually.await("an intake commit and a sender's commit unanswered", Duration.ofMinutes(1),
                    () -> dropper.intakeDropped() == 1 && dropper.senderDropped() == 1,
                    () -> "intake " + dropper.intakeDropped() + ", sender " + dropper.senderDropped());
            LogChecks.awaitAllAppliedExactlyOnce(context.getBean(CommandLog.class), context.getBean(StoreStatusService.class),
                    stream, run, Duration.ofMinutes(2));
            assertThat(intakeFailures(pipeline)).as("the intake gave up on the unanswered commit and reconnected")
                    .isGreaterThan(intakeFailuresBefore);
            StoreRegistry stores = context.getBean(StoreRegistry.class);
            DemoStores.assertLegacyMatches(stores.get("legacy").dataSource(), stream.model(), run);
            DemoStores.assertModernMatches(stores.get("modern").dataSource(), stream.model(), run);
        }
    }

    private static long intakeFailures(PipelineControl pipeline) {
        return pipeline.intakeHealth().values().stream().mapToLong(BatchHealth.Status::failedBatches).sum();
    }

    /**
     * Drops the broker's answer to one commit of the intake (the session that publishes biz.feed) and one of a sender
     * (a session sending to biz.commands), once each after {@link #arm()}. The commit itself goes through: only the answer is lost.
     */
    private static final class CommitAnswerDropper {

        private final Set<String> intakeChannels = ConcurrentHashMap.newKeySet();
        private final Set<String> senderChannels = ConcurrentHashMap.newKeySet();
        private final Map<String, Boolean> commitsAwaitingAnswer = new ConcurrentHashMap<>();
        private final AtomicInteger intakeToDrop = new AtomicInteger();
        private final AtomicInteger senderToDrop = new AtomicInteger();
        private final AtomicInteger intakeDropped = new AtomicInteger();
        private final AtomicInteger senderDropped = new AtomicInteger();

        void arm() {
            intakeToDrop.set(1);
            senderToDrop.set(1);
        }

        int intakeDropped() {
            return intakeDropped.get();
        }

        int senderDropped() {
            return senderDropped.get();
        }

        Interceptor incoming() {
            return (Packet packet, RemotingConnection connection) -> {
                String channel = connection.getID() + "/" + packet.getChannelID();
                if (packet instanceof SessionSendMessage send) {
                    // The intake publishes the feed in the transaction it consumes in; a sender posts commands.
                    String address = String.valueOf(send.getMessage().getAddress());
                    if (address.equals("biz.feed")) {
                        intakeChannels.add(channel);
                        senderChannels.remove(channel);
                    } else if (address.equals("biz.commands")) {
                        senderChannels.add(channel);
                        intakeChannels.remove(channel);
                    }
                } else if (packet.getType() == PacketImpl.SESS_COMMIT) {
                    if (intakeChannels.contains(channel) && take(intakeToDrop)) {
                        commitsAwaitingAnswer.put(answerKey(packet, connection), Boolean.TRUE);
                    } else if (senderChannels.contains(channel) && take(senderToDrop)) {
                        commitsAwaitingAnswer.put(answerKey(packet, connection), Boolean.FALSE);
                    }
                }
                return true;
            };
        }

        Interceptor outgoing() {
            return (Packet packet, RemotingConnection connection) -> {
                if (packet.getType() != PacketImpl.NULL_RESPONSE) {
                    return true;
                }
                Boolean intake = commitsAwaitingAnswer.remove(answerKey(packet, connection));
                if (intake == null) {
                    return true;
                }
                (intake ? intakeDropped : senderDropped).incrementAndGet();
                return false;
            };
        }

        /** A commit and its answer share a correlation id (the answer's channel is not yet set when it is intercepted). */
        private static String answerKey(Packet packet, RemotingConnection connection) {
            return connection.getID() + "#" + packet.getCorrelationID();
        }

        private static boolean take(AtomicInteger left) {
            return left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        }
    }
}
