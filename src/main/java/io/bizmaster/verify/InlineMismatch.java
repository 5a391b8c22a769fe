package io.bizmaster.verify;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A key on which a shadow disagreed with the primary after both had applied a command touching it.
 *
 * @param commandId      the last sampled command that touched the key before the comparison
 * @param seq            that command's sequence number
 * @param comparedAtSeq  the seq both stores' states of the key belonged to when they were compared
 * @param columns        the differing columns (empty when the row is missing on one side)
 * @param primaryValues  the primary's normalised values, null when it has no row
 * @param shadowValues   the shadow's normalised values, null when it has no row
 */
public record InlineMismatch(
        String commandId,
        long seq,
        long comparedAtSeq,
        String primary,
        String shadow,
        String entity,
        String key,
        Difference.Kind kind,
        List<String> columns,
        Map<String, String> primaryValues,
        Map<String, String> shadowValues,
        Instant at) {
}
