package io.bizmaster.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BackfillPacerTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000_000 * MS);

    @Test
    void withoutACapEveryWriteStartsAtOnce() {
        BackfillPacer pacer = new BackfillPacer(0, now::get);
        for (int i = 0; i < 5; i++) {
            assertThat(pacer.tryStart()).isZero();
            pacer.wrote(1_000_000);
        }
    }

    @Test
    void aWriteOfNItemsHoldsTheNextOneNOverTheRateAfterItsStart() {
        BackfillPacer pacer = new BackfillPacer(1_000, now::get);
        assertThat(pacer.tryStart()).as("the first write").isZero();
        now.addAndGet(30 * MS); // the write itself took 30 ms
        pacer.wrote(500);
        assertThat(pacer.tryStart()).as("500 items at 1,000/s: 500 ms after the write began").isEqualTo(470 * MS);
        now.addAndGet(470 * MS);
        assertThat(pacer.tryStart()).isZero();
        pacer.wrote(200);
        now.addAndGet(150 * MS);
        assertThat(pacer.tryStart()).isEqualTo(50 * MS);
    }

    @Test
    void aPauseIsNotMadeUpInABurst() {
        BackfillPacer pacer = new BackfillPacer(100, now::get);
        assertThat(pacer.tryStart()).isZero();
        pacer.wrote(10);
        now.addAndGet(60_000 * MS); // throttled for a minute
        assertThat(pacer.tryStart()).isZero();
        pacer.wrote(50);
        assertThat(pacer.tryStart()).as("still 100 a second after the pause").isEqualTo(500 * MS);
    }

    @Test
    void overALongCopyTheRateIsTheCap() {
        BackfillPacer pacer = new BackfillPacer(2_000, now::get);
        long start = now.get();
        long items = 0;
        for (int i = 0; i < 1_000; i++) {
            now.addAndGet(pacer.tryStart());
            assertThat(pacer.tryStart()).isZero();
            now.addAndGet(3 * MS);
            pacer.wrote(37);
            items += 37;
        }
        now.addAndGet(pacer.tryStart());
        double seconds = (now.get() - start) / 1e9;
        assertThat(items / seconds).isBetween(1_999.0, 2_000.0);
    }

    @Test
    void aSlicedBackfillWaitsForItsTurnOnlyUntilTheSliceEnds() throws Exception {
        BackfillPacer pacer = new BackfillPacer(1_000, now::get);
        assertThat(pacer.awaitStart(now.get() + 10 * MS)).as("the first write starts at once").isTrue();
        pacer.wrote(500);
        assertThat(pacer.awaitStart(now.get() + 10 * MS)).as("the turn is 500 ms away, the slice ends in 10").isFalse();
        now.addAndGet(499 * MS);
        assertThat(pacer.awaitStart(now.get() + 10 * MS)).as("the turn is 1 ms away").isFalse(); // the fake clock stands still
        now.addAndGet(MS);
        assertThat(pacer.awaitStart(now.get() + 10 * MS)).isTrue();
    }

    @Test
    void awaitingEndsWhenTheMigrationStops() throws Exception {
        BackfillPacer pacer = new BackfillPacer(1, System::nanoTime);
        assertThat(pacer.tryStart()).isZero();
        pacer.wrote(3_600); // an hour's worth at 1 a second
        long before = System.nanoTime();
        assertThat(pacer.awaitStart(() -> System.nanoTime() - before > 300 * MS)).isFalse();
        assertThat(System.nanoTime() - before).isLessThan(5_000 * MS);
    }
}
