package io.bizmaster.verify;

import java.util.List;
import java.util.Map;

/**
 * One key on which two stores disagree, with both sides' normalised values (the text that was compared).
 *
 * @param columns the differing columns (for {@link Kind#DIFFERENT}); empty otherwise
 * @param source  the source's values by column; null when the row is missing there
 * @param target  the target's values by column; null when the row is missing there
 * @param comparedAtSeq the sequence number at which both sides' states of this key were compared
 */
public record Difference(
        String entity,
        String key,
        Kind kind,
        List<String> columns,
        Map<String, String> source,
        Map<String, String> target,
        long comparedAtSeq) {

    public enum Kind {
        /** In the source, not in the target. */
        MISSING,
        /** In the target, not in the source. */
        EXTRA,
        /** In both, with different values. */
        DIFFERENT
    }
}
