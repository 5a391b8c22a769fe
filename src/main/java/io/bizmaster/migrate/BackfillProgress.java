package io.bizmaster.migrate;

import io.bizmaster.backfill.ProgressMeter;

/** What status shows of a backfill: share done, time left at the measured rate, and that rate. */
public record BackfillProgress(double percent, Long etaSeconds, double rate) {

    public static BackfillProgress of(Migration m, ProgressMeter meter) {
        Long total = m.total();
        double percent = switch (m.phase()) {
            case CREATED -> 0;
            case BACKFILLING -> total == null || total == 0 ? 100 : Math.min(100, 100.0 * m.copied() / total);
            default -> 100;
        };
        Long eta = m.phase() == MigrationPhase.BACKFILLING && meter != null && total != null ? meter.etaSeconds(total) : null;
        double rate = meter == null ? 0 : Math.round(meter.rate());
        return new BackfillProgress(Math.round(percent * 10) / 10.0, eta, rate);
    }
}
