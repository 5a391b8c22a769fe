package io.bizmaster.intake;

import io.bizmaster.log.Appended;
import io.bizmaster.log.CommandStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the intake decided, counted once the log has committed it: {@code bizmaster.commands.received} (every message
 * of {@code biz.commands} the intake logged or recognised) = {@code accepted} + {@code rejected} (by
 * {@link RejectionClass}) + {@code duplicates} (a redelivery or resend already in the log: nothing new is logged). A
 * batch that rolls back counts nothing, so a retried batch is not counted twice.
 */
public class IntakeMetrics {

    private final Counter received;
    private final Counter accepted;
    private final Counter duplicates;
    private final Map<RejectionClass, Counter> rejected = new EnumMap<>(RejectionClass.class);

    public IntakeMetrics(MeterRegistry registry) {
        received = Counter.builder("bizmaster.commands.received")
                .description("messages of biz.commands the intake logged (accepted or rejected) or found in the log already")
                .register(registry);
        accepted = Counter.builder("bizmaster.commands.accepted").description("commands logged as ACCEPTED")
                .register(registry);
        duplicates = Counter.builder("bizmaster.commands.duplicates")
                .description("messages already in the log (a redelivery, or a resend with the same id and body): nothing logged")
                .register(registry);
        // Every class from the start, at 0: a rate over a series that appears only with its first rejection misses it.
        for (RejectionClass c : RejectionClass.values()) {
            rejected.put(c, Counter.builder("bizmaster.commands.rejected")
                    .description("commands logged as REJECTED, by the class of their reason").tag("reason", c.tag())
                    .register(registry));
        }
    }

    /** The log's answers to one committed batch. */
    public void logged(List<Appended> answers) {
        received.increment(answers.size());
        int acceptedNow = 0;
        int duplicatesNow = 0;
        for (Appended appended : answers) {
            if (appended.duplicate()) {
                duplicatesNow++;
            } else if (appended.entry().status() == CommandStatus.ACCEPTED) {
                acceptedNow++;
            } else {
                rejected.get(RejectionClass.of(appended.entry().reason())).increment();
            }
        }
        accepted.increment(acceptedNow);
        duplicates.increment(duplicatesNow);
    }
}
