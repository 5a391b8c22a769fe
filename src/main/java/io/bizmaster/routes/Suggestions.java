package io.bizmaster.routes;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** What a problem proposes for a name that is not known (a typo's likely meaning), and how it quotes a value. */
final class Suggestions {

    /** A value under such a key is not repeated in a problem: it may be a credential. */
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|passphrase|secret|token|credential).*");

    private Suggestions() {
    }

    /** The candidate nearest to {@code given}, if one is a typo away (a letter or two, whatever the case). */
    static Optional<String> closest(String given, Collection<String> candidates) {
        String wanted = given.toLowerCase(Locale.ROOT);
        int allowed = wanted.length() < 5 ? 1 : 2;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(wanted, candidate.toLowerCase(Locale.ROOT));
            if (distance <= allowed && distance < bestDistance && !candidate.equals(given)) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** " (did you mean 'x'?)" or nothing. */
    static String didYouMean(String given, Collection<String> candidates) {
        return closest(given, candidates).map(c -> "did you mean '" + c + "'?").orElse("");
    }

    /** A value as a problem quotes it: short, a credential never. */
    static String shown(String key, String value) {
        if (key != null && SECRET_KEY.matcher(key).matches()) {
            return "a value (not shown)";
        }
        return "'" + (value.length() <= 60 ? value : value.substring(0, 57) + "...") + "'";
    }

    /** A URI as a problem quotes it: without its query, where a credential may be written in clear. */
    static String uri(String uri) {
        int query = uri.indexOf('?');
        return "'" + (query < 0 ? uri : uri.substring(0, query) + "?...") + "'";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
