package io.bizmaster.bench;

import java.time.Instant;

/** Wall-clock time in epoch microseconds: the one clock the producer, the log and the stores share. */
final class Micros {

    private Micros() {
    }

    static long now() {
        return of(Instant.now());
    }

    static long of(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
