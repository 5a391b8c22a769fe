package io.bizmaster.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A verification as {@code GET /api/verifications/{id}} shows it: progress while it runs, then the result.
 *
 * @param state        RUNNING, DONE or FAILED
 * @param phase        what it is doing now, in words
 * @param sourceSeq    the source's checkpoint in the snapshot the scan read
 * @param targetSeq    the target's checkpoint in the snapshot the scan read
 * @param comparedAtSeq the larger of the two: rows of keys no command changed between them were compared as of
 *                     it; rows of keys changed in between were compared again once both stores had passed it
 * @param verifiedSeq  set when the outcome is EQUAL: the two stores were proven equal at this seq (a key
 *                     changed again during the re-check was compared at the later seq both had reached)
 * @param differences  the first differences, up to {@code bizmaster.verify.differences-kept}
 * @param unsettledKeys the first keys left unsettled, as "entity key"
 * @param parkedKeys   the first keys not compared because a command of theirs is parked, as "entity key (store)"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationReport(
        String id,
        String source,
        String target,
        String entity,
        String state,
        String phase,
        Outcome outcome,
        Instant startedAt,
        Instant finishedAt,
        Long sourceSeq,
        Long targetSeq,
        Long comparedAtSeq,
        Long verifiedSeq,
        long matched,
        long differenceCount,
        List<EntityReport> entities,
        List<Difference> differences,
        List<String> unsettledKeys,
        List<String> parkedKeys,
        String summary,
        String error) {
}
