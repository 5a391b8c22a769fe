package io.bizmaster.verify;

import java.util.Arrays;
import java.util.Objects;

/**
 * One row of a projection after normalisation: the key and the canonical text of each compared column
 * (null for NULL). Its 128-bit hash is computed where the row is read, on the reading thread, so a
 * chunk's hash is a cheap fold of its rows' hashes.
 */
public record ProjectedRow(String key, String[] values, long hash1, long hash2) {

    public ProjectedRow(String key, String[] values) {
        this(key, values, lane(key, values, 0xcbf29ce484222325L, 0x100000001b3L),
                lane(key, values, 0x9e3779b97f4a7c15L, 0xff51afd7ed558ccdL));
    }

    /** Indexes of the columns whose values differ from {@code other}'s. */
    public int[] differingColumns(ProjectedRow other) {
        int[] differing = new int[values.length];
        int count = 0;
        for (int i = 0; i < values.length; i++) {
            if (!Objects.equals(values[i], other.values[i])) {
                differing[count++] = i;
            }
        }
        return Arrays.copyOf(differing, count);
    }

    public boolean sameValues(ProjectedRow other) {
        return hash1 == other.hash1 && hash2 == other.hash2 && Arrays.equals(values, other.values);
    }

    // A multiply-xor hash per lane; each string is preceded by its length and NULL has its own marker, so
    // ("ab", "c") and ("a", "bc"), or NULL and "", never feed the same input.
    private static long lane(String key, String[] values, long seed, long prime) {
        long h = text(seed, key, prime);
        for (String value : values) {
            h = value == null ? mix(h, -1L, prime) : text(h, value, prime);
        }
        return finish(h);
    }

    private static long text(long h, String s, long prime) {
        h = mix(h, s.length(), prime);
        for (int i = 0; i < s.length(); i++) {
            h = mix(h, s.charAt(i), prime);
        }
        return h;
    }

    private static long mix(long h, long value, long prime) {
        return (h ^ value) * prime;
    }

    private static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProjectedRow r && key.equals(r.key) && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return key + Arrays.toString(values);
    }
}
