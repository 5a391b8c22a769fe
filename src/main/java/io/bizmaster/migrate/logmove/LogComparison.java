package io.bizmaster.migrate.logmove;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * Proves that two command logs hold the same rows over a seq range, chunk by chunk of seqs: per chunk, the
 * number of rows and a digest of every column of every row, read from each database on its own. Only a chunk
 * whose digests differ is looked at row by row, to name the first seq that differs. Log rows are immutable,
 * so a prefix once proven stays proven: each comparison starts where the last one ended.
 *
 * <p>Not the projections verifier: that compares stores keyed by entity at their checkpoints, while a log is
 * keyed by seq, has no checkpoint, and must match column for column, rejected commands included.
 */
final class LogComparison {

    private static final String COLUMNS = "seq, command_id, accepted_id, message_id, type, entity_key, source, issued_at, "
            + "received_at, status, reason, body, domain, domain_seq";

    /**
     * @param verifiedSeq the seq up to which both logs are proven identical
     * @param summary  what was compared, and the first difference if any
     */
    record Result(boolean equal, long verifiedSeq, String summary) {
    }

    /** Compares {@code after < seq <= upTo} in chunks of {@code chunk} seqs; stops at the first chunk that differs. */
    Result compare(DataSource a, DataSource b, long after, long upTo, int chunk) throws SQLException {
        long proven = after;
        long rows = 0;
        while (proven < upTo) {
            long end = Math.min(upTo, proven + chunk);
            List<byte[]> left = digests(a, proven, end);
            List<byte[]> right = digests(b, proven, end);
            if (!sameDigests(left, right)) {
                return new Result(false, proven, "the logs differ at seq " + firstDifference(left, right, proven)
                        + " (compared " + rows + " rows in seq " + (after + 1) + ".." + proven + " equal first)");
            }
            rows += left.size();
            proven = end;
        }
        return new Result(true, proven, rows + " rows in seq " + (after + 1) + ".." + upTo + " identical");
    }

    private static boolean sameDigests(List<byte[]> left, List<byte[]> right) {
        if (left.size() != right.size()) {
            return false;
        }
        for (int i = 0; i < left.size(); i++) {
            if (!Arrays.equals(left.get(i), right.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Both sides are dense, so row i of a chunk is seq after + 1 + i on each side that has it. */
    private static long firstDifference(List<byte[]> left, List<byte[]> right, long after) {
        int n = Math.min(left.size(), right.size());
        for (int i = 0; i < n; i++) {
            if (!Arrays.equals(left.get(i), right.get(i))) {
                return after + 1 + i;
            }
        }
        return after + 1 + n;
    }

    /** One digest per row, in seq order; each row's seq is part of its digest, so a hole shows as a difference. */
    private static List<byte[]> digests(DataSource store, long after, long upTo) throws SQLException {
        MessageDigest digest = sha256();
        List<byte[]> digests = new ArrayList<>();
        try (Connection c = store.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM command_log WHERE seq > ? AND seq <= ? ORDER BY seq")) {
            ps.setLong(1, after);
            ps.setLong(2, upTo);
            ps.setFetchSize(500);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int i = 1; i <= 14; i++) {
                        String value = i == 8 || i == 9 ? instant(rs.getObject(i, OffsetDateTime.class)) : rs.getString(i);
                        // Length-prefixed, null distinct from empty: no two different rows read the same.
                        digest.update((value == null ? "-1:" : value.length() + ":" + value).getBytes(StandardCharsets.UTF_8));
                    }
                    digests.add(digest.digest());
                }
            }
        }
        return digests;
    }

    private static String instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant().toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
