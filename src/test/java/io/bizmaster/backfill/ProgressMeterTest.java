package io.bizmaster.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressMeterTest {

    /** The rate is the work's own: a backfill that took 0.8 s keeps its rate while the migration shadows for minutes. */
    @Test
    void aFinishedBackfillKeepsTheRateItRanAt() {
        AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(100));
        ProgressMeter meter = new ProgressMeter(0, now::get);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(400));
        meter.record(5_815);
        assertThat(meter.etaSeconds(11_630)).isZero(); // 5,815 left at 14,537/s rounds to 0
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(400));
        meter.record(11_630);
        meter.done();
        double atTheEnd = meter.rate();
        assertThat(atTheEnd).isCloseTo(14_537.5, org.assertj.core.data.Offset.offset(0.5));
        now.addAndGet(TimeUnit.MINUTES.toNanos(5));
        assertThat(meter.rate()).as("five minutes later").isEqualTo(atTheEnd);
    }

    @Test
    void aRunningBackfillCountsTheTimeSoFarAndStartsFromWhereItResumed() {
        AtomicLong now = new AtomicLong();
        ProgressMeter meter = new ProgressMeter(1_000, now::get);
        assertThat(meter.rate()).isZero();
        assertThat(meter.etaSeconds(3_000)).isNull();
        now.addAndGet(TimeUnit.SECONDS.toNanos(2));
        meter.record(2_000);
        assertThat(meter.rate()).isEqualTo(500.0);
        assertThat(meter.etaSeconds(3_000)).isEqualTo(2);
        now.addAndGet(TimeUnit.SECONDS.toNanos(2));
        assertThat(meter.rate()).as("stalled while still running: the clock goes on").isEqualTo(250.0);
    }
}
