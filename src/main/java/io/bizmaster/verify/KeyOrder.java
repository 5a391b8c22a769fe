package io.bizmaster.verify;

import io.bizmaster.store.jdbc.Dialect;
import java.util.Comparator;

/**
 * The one order both sides of a verification are read in. Engines sort text differently (PostgreSQL by
 * its locale, MariaDB's utf8mb4_general_ci ignoring case and trailing spaces, H2 by UTF-16 code units),
 * so text keys are ordered in SQL by their bytes in UTF-8, which is Unicode code-point order on every
 * engine, and the rows are checked in Java against a code-point comparator: an engine that still sorts
 * otherwise stops the verification instead of producing false differences.
 */
public enum KeyOrder implements Comparator<String> {

    /** Text keys: Unicode code-point order. */
    TEXT {
        @Override
        public int compare(String a, String b) {
            int n = Math.min(a.length(), b.length());
            for (int i = 0; i < n; i++) {
                char x = a.charAt(i);
                char y = b.charAt(i);
                if (x != y) {
                    // UTF-16 puts supplementary characters (surrogate pairs) before U+E000..U+FFFF; code points do not.
                    if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
                        return Integer.compare(a.codePointAt(i), b.codePointAt(i));
                    }
                    return Character.compare(x, y);
                }
            }
            return Integer.compare(a.length(), b.length());
        }

        @Override
        String orderBy(Dialect dialect, String column) {
            return switch (dialect) {
                case H2 -> "CAST(" + column + " AS VARBINARY)";
                case POSTGRESQL -> column + " COLLATE \"C\"";
                // CONVERT first: a latin1 or utf8mb3 column cast straight to bytes would not be in code-point order.
                case MARIADB -> "CAST(CONVERT(" + column + " USING utf8mb4) AS BINARY)";
            };
        }
    },

    /** Integer keys: numeric order, the same on every engine. */
    INTEGER {
        @Override
        public int compare(String a, String b) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }

        @Override
        String orderBy(Dialect dialect, String column) {
            return column;
        }
    };

    /** The ORDER BY expression giving this order on the engine. */
    abstract String orderBy(Dialect dialect, String column);
}
