package io.bizmaster.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The canonical text of values: strict by default, each loosening only as declared. */
class NormalisationTest {

    final Normalisation strict = Normalisation.STRICT;

    @Test
    void strictKeepsEveryDifferenceAnEngineCanShow() {
        assertThat(strict.canonical(new BigDecimal("1.10"))).isNotEqualTo(strict.canonical(new BigDecimal("1.1")));
        assertThat(strict.canonical("a  ")).isNotEqualTo(strict.canonical("a"));
        assertThat(strict.canonical("")).isNotNull();
        assertThat(strict.canonical("Ada")).isNotEqualTo(strict.canonical("ada"));
        assertThat(strict.canonical("Zo\u00eb")).isNotEqualTo(strict.canonical("Zoe\u0308"));
        assertThat(strict.canonical(true)).isNotEqualTo(strict.canonical(1L));
        assertThat(strict.canonical(LocalDateTime.of(2026, 1, 1, 8, 0, 0, 123_456_000)))
                .isEqualTo("2026-01-01T08:00:00.123456Z");
        assertThat(strict.canonical(null)).isNull();
    }

    @Test
    void integersCompareAlikeWhateverTheirJavaType() {
        assertThat(strict.canonical(5)).isEqualTo(strict.canonical(5L)).isEqualTo(strict.canonical(new BigDecimal("5")));
        assertThat(strict.canonical(new BigDecimal("5.00"))).isEqualTo("5.00");
        assertThat(strict.withType(ValueType.INTEGER).canonical(new BigDecimal("5.00"))).isEqualTo("5");
        assertThatThrownBy(() -> strict.withType(ValueType.INTEGER).canonical(new BigDecimal("5.5")))
                .hasMessageContaining("not a whole number");
    }

    @Test
    void scaleRoundsHalfUpAndAppliesToWholeNumbersToo() {
        Normalisation two = strict.withScale(2);
        assertThat(two.canonical(new BigDecimal("1.1"))).isEqualTo("1.10");
        assertThat(two.canonical(new BigDecimal("1.005"))).isEqualTo("1.01");
        assertThat(two.canonical(7L)).isEqualTo("7.00");
        assertThat(two.withType(ValueType.DECIMAL).canonical("3.5")).isEqualTo("3.50");
        assertThat(strict.canonical(1.1d)).isEqualTo("1.1");
    }

    @Test
    void timestampsAreInstantsReadInTheDeclaredZoneAndTruncatedToTheDeclaredPrecision() {
        LocalDateTime paris = LocalDateTime.of(2026, 7, 1, 10, 0);
        assertThat(strict.withZone(ZoneId.of("Europe/Paris")).canonical(paris)).isEqualTo("2026-07-01T08:00:00Z");
        assertThat(strict.canonical(OffsetDateTime.of(2026, 7, 1, 10, 0, 0, 0, ZoneOffset.ofHours(2))))
                .isEqualTo("2026-07-01T08:00:00Z");
        assertThat(strict.withPrecision(ChronoUnit.MILLIS).canonical(LocalDateTime.of(2026, 1, 1, 0, 0, 0, 123_999_999)))
                .isEqualTo("2026-01-01T00:00:00.123Z");
        assertThat(strict.withType(ValueType.TIMESTAMP).canonical("2026-01-01 09:00:00+01:00")).isEqualTo("2026-01-01T08:00:00Z");
    }

    @Test
    void textLooseningsEachDoOneThing() {
        assertThat(strict.withIgnoreTrailingSpaces(true).canonical("CH  ")).isEqualTo("CH");
        assertThat(strict.withIgnoreTrailingSpaces(true).canonical("  CH")).isEqualTo("  CH");
        assertThat(strict.withEmptyIsNull(true).canonical("")).isNull();
        assertThat(strict.withEmptyIsNull(true).withIgnoreTrailingSpaces(true).canonical("   ")).isNull();
        assertThat(strict.withUnicode(Normalizer.Form.NFC).canonical("Zoe\u0308")).isEqualTo("Zo\u00eb");
        assertThat(strict.withIgnoreCase(true).canonical("STRASSE")).isEqualTo(strict.withIgnoreCase(true).canonical("straße"));
    }

    @Test
    void booleansReadFromNumbersAndWordsOnlyWhenDeclared() {
        Normalisation bool = strict.withType(ValueType.BOOLEAN);
        assertThat(bool.canonical(1)).isEqualTo("true");
        assertThat(bool.canonical(new BigDecimal("0"))).isEqualTo("false");
        assertThat(bool.canonical("Y")).isEqualTo("true");
        assertThat(bool.canonical(false)).isEqualTo("false");
        assertThatThrownBy(() -> bool.canonical(2)).hasMessageContaining("not a boolean");
    }

    @Test
    void mergingAppliesEitherSidesLooseningsToBothAndKeepsEachSidesZone() {
        Normalisation mine = strict.withZone(ZoneId.of("Europe/Paris")).withIgnoreCase(true);
        Normalisation theirs = strict.withScale(2);
        Normalisation merged = mine.mergedWith(theirs);
        assertThat(merged.ignoreCase()).isTrue();
        assertThat(merged.scale()).isEqualTo(2);
        assertThat(merged.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(theirs.mergedWith(mine).zone()).isEqualTo(ZoneOffset.UTC);
        assertThatThrownBy(() -> strict.withScale(2).mergedWith(strict.withScale(3)))
                .hasMessage("scale is declared as 2 on one side and 3 on the other");
    }

    @Test
    void codePointOrderIsNotUtf16Order() {
        String emoji = "\uD83D\uDE00";
        String replacement = "\uFFFD";
        assertThat(emoji.compareTo(replacement)).isNegative();
        assertThat(KeyOrder.TEXT.compare(emoji, replacement)).isPositive();
        assertThat(KeyOrder.TEXT.compare("B", "a")).isNegative();
        assertThat(KeyOrder.TEXT.compare("a", "a ")).isNegative();
        assertThat(KeyOrder.INTEGER.compare("9", "10")).isNegative();
    }
}
