package io.bizmaster.verify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code bizmaster.verify}.
 *
 * @param chunkSize       rows per hashed chunk and per batch read from a store
 * @param differencesKept differences (and unsettled keys) a report lists; all are counted
 * @param maxInFlightKeys most keys changed between the two stores' checkpoints that a verification
 *                        re-checks; more means the stores are too far apart, and it stops saying so
 * @param settleTimeout   how long a verification waits for changed keys to be comparable at one seq
 * @param pollInterval    how often it looks again meanwhile
 * @param concurrent      verifications running at once (each holds a connection to both stores); more wait
 * @param keepFinished    finished verifications kept for {@code GET /api/verifications/{id}}
 * @param inline          verification of each applied command's key
 */
@ConfigurationProperties("bizmaster.verify")
public record VerifyProperties(
        @DefaultValue("1000") int chunkSize,
        @DefaultValue("100") int differencesKept,
        @DefaultValue("100000") int maxInFlightKeys,
        @DefaultValue("60s") Duration settleTimeout,
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("1") int concurrent,
        @DefaultValue("50") int keepFinished,
        @DefaultValue Inline inline) {

    public VerifyProperties {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("bizmaster.verify.chunk-size must be at least 1, got " + chunkSize);
        }
        if (concurrent < 1) {
            throw new IllegalArgumentException("bizmaster.verify.concurrent must be at least 1, got " + concurrent);
        }
    }

    /**
     * Settings under {@code bizmaster.verify.inline}.
     *
     * @param enabled          compare the primary with each shadow after every applied command's key
     * @param sampleRate       share of commands compared, 0.0 to 1.0; chosen by seq, so every store agrees
     * @param queueCapacity    commands waiting to be compared; beyond it they are dropped and counted, never
     *                         making an apply thread wait
     * @param maxAttempts      times a key that keeps changing between the two checkpoints is tried before it
     *                         is counted as unsettled
     * @param retryDelay       wait before trying such a key again
     * @param maxLag           stores further apart than this many seqs are not compared (the check waits):
     *                         telling lag from difference would mean reading that much of the command log
     * @param mismatchesKept   recent mismatches shown by {@code GET /api/verifications/inline}
     */
    public record Inline(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1.0") double sampleRate,
            @DefaultValue("10000") int queueCapacity,
            @DefaultValue("20") int maxAttempts,
            @DefaultValue("250ms") Duration retryDelay,
            @DefaultValue("10000") long maxLag,
            @DefaultValue("100") int mismatchesKept) {

        public Inline {
            if (sampleRate < 0 || sampleRate > 1) {
                throw new IllegalArgumentException("bizmaster.verify.inline.sample-rate must be between 0.0 and 1.0, got "
                        + sampleRate);
            }
        }
    }

    Verifier.Settings verifierSettings() {
        return new Verifier.Settings(chunkSize, differencesKept, maxInFlightKeys, settleTimeout, pollInterval);
    }
}
