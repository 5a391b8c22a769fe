package io.bizmaster.verify;



/**
 * Which commands the inline verifier compares: a share of them chosen by sequence number alone, so that
 * every store's notifications agree on the sample and a run can be repeated.
 *
 * @param rate the share, 0.0 (none) to 1.0 (all)
 */
public record Sampling(double rate) {

    public Sampling {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("a sample rate is between 0.0 and 1.0, got " + rate);
        }
    }

    public boolean includes(long seq) {
        if (rate >= 1) {
            return true;
        }
        // A 64-bit mix of the seq (SplitMix64's), so consecutive seqs are picked independently.
        long h = seq * 0x9e3779b97f4a7c15L;
        h ^= h >>> 31;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 29;
        return (h >>> 11) * 0x1.0p-53 < rate;
    }
}
