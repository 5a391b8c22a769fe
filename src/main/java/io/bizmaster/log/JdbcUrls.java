package io.bizmaster.log;

import io.bizmaster.store.jdbc.JdbcUrlPolicy;
import java.util.Locale;

/** JDBC URLs as they may be shown: any secret in the URL itself masked ({@link JdbcUrlPolicy#masked}). */
public final class JdbcUrls {

    private JdbcUrls() {
    }

    public static String masked(String url) {
        return JdbcUrlPolicy.masked(url);
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
