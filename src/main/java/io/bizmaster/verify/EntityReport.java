package io.bizmaster.verify;

import java.util.List;
import java.util.Map;

/**
 * The counts of one entity of a verification.
 *
 * @param columns      the compared columns
 * @param notCompared  columns only one side's projection has, by store
 * @param rules        the effective normalisation of each compared column
 * @param sourceRows   rows read from the source (so far, while running)
 * @param targetRows   rows read from the target
 * @param missing      keys in the source and not in the target
 * @param extra        keys in the target and not in the source
 * @param different    keys in both whose values differ
 * @param differentByColumn how many keys differ in each column
 * @param inFlight     keys changed by commands between the two stores' checkpoints, so compared again once
 *                     both stores had passed the same seq
 * @param unsettled    of those, keys that could not be compared at one seq before the settle timeout
 * @param parked       keys not compared because one of the stores has a command of theirs parked
 */
public record EntityReport(
        String entity,
        List<String> columns,
        Map<String, List<String>> notCompared,
        Map<String, String> rules,
        long sourceRows,
        long targetRows,
        long matched,
        long missing,
        long extra,
        long different,
        Map<String, Long> differentByColumn,
        long inFlight,
        long unsettled,
        long parked) {

    public long differences() {
        return missing + extra + different;
    }
}
