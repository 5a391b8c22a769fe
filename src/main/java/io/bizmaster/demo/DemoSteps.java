package io.bizmaster.demo;

import io.bizmaster.migrate.MigrationStatus;
import io.bizmaster.migrate.MigrationWorkflow;
import io.bizmaster.verify.Outcome;
import io.bizmaster.verify.VerificationReport;
import io.bizmaster.verify.Verifications;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** What the demo's stories share: waiting for a state, a verification to its end, a cut-over asked until it may start. */
final class DemoSteps {

    private final Verifications verifications;
    private final MigrationWorkflow migrations;

    DemoSteps(Verifications verifications, MigrationWorkflow migrations) {
        this.verifications = verifications;
        this.migrations = migrations;
    }

    /** A full verification of two stores, to its end. */
    VerificationReport verify(String source, String target) throws InterruptedException {
        String id = verifications.start(source, target, null).id();
        return await("verification " + id, Duration.ofMinutes(5), () -> verifications.get(id).orElseThrow(),
                r -> !"RUNNING".equals(r.state()));
    }

    static boolean equal(VerificationReport report) {
        return report.outcome() == Outcome.EQUAL;
    }

    /** Under load the target may be a few commands past the lag limit at the moment of asking: ask again. */
    MigrationStatus cutOver(String id) throws InterruptedException {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                return migrations.cutover(id);
            } catch (IllegalStateException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw last;
    }

    static <T> T await(String what, Duration timeout, Supplier<T> read, Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = read.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not end within " + timeout.toSeconds() + " s: " + last);
            }
            Thread.sleep(200);
            last = read.get();
        }
        return last;
    }
}
