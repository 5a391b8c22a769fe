package io.bizmaster.migrate;

import java.util.List;
import java.util.Map;

/**
 * What {@code migrate cutover ID --dry-run} answers: every check of the real cut-over passed, the steps it would
 * take and a rough estimate of its freeze. Nothing changed.
 *
 * @param storeLags         log head minus checkpoint of each running store: what the freeze would drain
 * @param changedKeys       keys changed after {@code verifiedSeq}: what the freeze would re-verify
 * @param estimatedFreezeMs the last measured freeze (or a typical one), plus the drain and re-verification of now
 * @param verdict           whether the estimate fits the budget
 */
public record CutOverPlan(String migration, String phase, String newPrimary, String newShadow, long logHead,
                          Map<String, Long> storeLags, long maxCutoverLag, Long verifiedSeq, long changedKeys,
                          Long lastFreezeWindowMs, long estimatedFreezeMs, long maxFreezeMs, List<String> steps,
                          String verdict) {
}
