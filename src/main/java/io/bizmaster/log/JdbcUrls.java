package io.bizmaster.log;

import java.util.Locale;
import java.util.regex.Pattern;

/** JDBC URLs as they may be shown: a password given in the URL itself is masked. */
public final class JdbcUrls {

    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

    private JdbcUrls() {
    }

    public static String masked(String url) {
        return url == null ? null : PASSWORD.matcher(url).replaceAll("$1******");
    }

    /** Whether two URLs name the same database as far as their text tells (case and trailing options aside). */
    public static boolean same(String a, String b) {
        return a != null && b != null && base(a).equals(base(b));
    }

    private static String base(String url) {
        String u = url.trim().toLowerCase(Locale.ROOT);
        // H2 options follow ';' and do not change the database; other URLs compare whole.
        int semicolon = u.startsWith("jdbc:h2:") ? u.indexOf(';') : -1;
        return semicolon < 0 ? u : u.substring(0, semicolon);
    }
}
