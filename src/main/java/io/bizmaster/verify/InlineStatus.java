package io.bizmaster.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** What {@code GET /api/verifications/inline} shows: counts per primary/shadow pair and the latest mismatches. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InlineStatus(
        boolean enabled,
        double sampleRate,
        int queued,
        List<Pair> pairs,
        List<InlineMismatch> recentMismatches) {

    /**
     * @param inactive  why this pair is not verified inline (no projections, no common entity), or null
     * @param compared  commands whose key was compared with both stores at one seq
     * @param mismatches of those, how many disagreed
     * @param deferred  comparisons put off because a later command for the key was applied by only one store
     * @param dropped   commands not compared because a queue was full
     * @param unsettled commands given up on after the last attempt (the key never stood still on both stores)
     * @param waiting   sampled commands applied by one store and not yet by the other
     */
    public record Pair(String primary, String shadow, String inactive, long compared, long mismatches, long deferred,
                       long dropped, long unsettled, int waiting) {
    }
}
