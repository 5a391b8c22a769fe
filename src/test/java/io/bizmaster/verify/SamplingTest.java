package io.bizmaster.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SamplingTest {

    @Test
    void takesTheDeclaredShareBySeqAlone() {
        Sampling tenth = new Sampling(0.1);
        long taken = LongStream.rangeClosed(1, 100_000).filter(tenth::includes).count();
        assertThat(taken).isBetween(9_500L, 10_500L);
        assertThat(LongStream.rangeClosed(1, 1000).filter(tenth::includes).toArray())
                .as("the same seqs every time").isEqualTo(LongStream.rangeClosed(1, 1000).filter(new Sampling(0.1)::includes).toArray());
        assertThat(LongStream.rangeClosed(1, 1000).allMatch(new Sampling(1.0)::includes)).isTrue();
        assertThat(LongStream.rangeClosed(1, 1000).noneMatch(new Sampling(0.0)::includes)).isTrue();
        assertThatThrownBy(() -> new Sampling(1.5)).hasMessageContaining("between 0.0 and 1.0");
    }
}
