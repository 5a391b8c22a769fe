package io.bizmaster.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The intake reads the common timestamp shape without the formatter, and field names without a regex. Whatever
 * the fast paths say must be exactly what the slow ones say, and the timestamp one must read the common shape
 * itself (or it saves nothing).
 */
class TextFastPathsTest {

    private static final String DIGITS_AND_MORE = "0123456789-:T.Z+ tz";

    @Test
    void readsEveryCommonTimestampExactlyAsTheFormatterDoes() {
        Random random = new Random(42);
        for (int i = 0; i < 50_000; i++) {
            long seconds = random.nextLong(Instant.parse("1000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T00:00:00Z").getEpochSecond());
            int fractionDigits = random.nextInt(10);
            int nanos = random.nextInt(1_000_000_000);
            int hours = random.nextInt(35) - 17;
            int minutes = random.nextBoolean() ? 0 : 30;
            ZoneOffset offset = random.nextInt(4) == 0 ? ZoneOffset.UTC
                    : ZoneOffset.ofHoursMinutes(hours, hours < 0 ? -minutes : minutes);
            OffsetDateTime t = Instant.ofEpochSecond(seconds, nanos).atOffset(offset);
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", t.getYear(), t.getMonthValue(),
                    t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(),
                    fractionDigits == 0 ? "" : "." + String.format("%09d", t.getNano()).substring(0, fractionDigits),
                    offset.getId());

            Instant fast = Text.commonTimestamp(text);

            assertThat(fast).as(text).isNotNull().isEqualTo(formatter(text));
            assertThat(Text.parseTimestamp(text)).as(text).isEqualTo(fast);
        }
    }

    @Test
    void neverReadsWhatTheFormatterRefusesOrReadsDifferently() {
        List<String> edges = List.of("2026-02-29T10:00:00Z", "2024-02-29T10:00:00Z", "2026-04-31T10:00:00Z",
                "2026-13-01T10:00:00Z", "2026-00-10T10:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z",
                "2026-01-01T23:59:60Z", "2026-01-01T10:00:00+18:00", "2026-01-01T10:00:00+18:30",
                "2026-01-01T10:00:00-00:00", "2026-01-01T10:00:00-00:30", "2026-01-01T10:00:00+05:75",
                "2026-01-01T10:00:00.Z", "2026-01-01T10:00:00.1234567891Z", "2026-01-01t10:00:00z",
                "2026-01-01T10:00Z", "2026-01-01T10:00:00+01:00:00", "2026-01-01T10:00:00+0100",
                "+2026-01-01T10:00:00Z", "2026-1-01T10:00:00Z", "2026-01-01 10:00:00Z", "2026-01-01T10:00:00",
                "0999-12-31T23:59:59Z", "9999-12-31T23:59:59.999999999Z", "٢٠٢٦-01-01T10:00:00Z");
        for (String text : edges) {
            Instant fast = Text.commonTimestamp(text);
            if (fast != null) {
                assertThat(fast).as(text).isEqualTo(formatter(text));
            }
            Instant slow = formatter(text);
            boolean inRange = slow != null && !slow.isBefore(Text.MIN_TIMESTAMP) && !slow.isAfter(Text.MAX_TIMESTAMP);
            assertThat(Text.parseTimestamp(text)).as(text).isEqualTo(inRange ? slow : null);
        }
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            char[] text = "2026-11-23T10:15:30.123+01:00".toCharArray();
            for (int k = random.nextInt(3) + 1; k > 0; k--) {
                text[random.nextInt(text.length)] = DIGITS_AND_MORE.charAt(random.nextInt(DIGITS_AND_MORE.length()));
            }
            String mutated = new String(text, 0, 20 + random.nextInt(text.length - 19));
            Instant fast = Text.commonTimestamp(mutated);
            if (fast != null) {
                assertThat(fast).as(mutated).isEqualTo(formatter(mutated));
            }
        }
    }

    @Test
    void simpleNamesAreWhatTheRegexSays() {
        java.util.regex.Pattern simple = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
        String alphabet = "aZ_09-. é$\u0000";
        Random random = new Random(3);
        for (int i = 0; i < 100_000; i++) {
            StringBuilder name = new StringBuilder();
            for (int k = random.nextInt(6); k > 0; k--) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(Text.isSimpleName(name.toString())).as("'" + name + "'")
                    .isEqualTo(simple.matcher(name).matches());
        }
    }

    private static Instant formatter(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
