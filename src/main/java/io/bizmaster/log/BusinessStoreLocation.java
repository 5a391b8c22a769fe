package io.bizmaster.log;



/**
 * Where a business store is: a JDBC URL, a user and the password as a placeholder ({@code ${BIZ_NAME}}, resolved
 * through Spring's Environment when a connection is opened), never the password itself, because a location
 * is persisted (in a migration's definition and in a redirect).
 *
 * @param passwordPlaceholder {@code ${NAME}}, or null for none
 */
public record BusinessStoreLocation(String url, String username, String passwordPlaceholder) {

    /** The URL with any {@code password=…} parameter masked: what status and logs show. */
    public String display() {
        return JdbcUrls.masked(url) + (username == null || username.isBlank() ? "" : " as " + username);
    }

    /**
     * A password placeholder a definition may use: {@code ${BIZ_…}} and nothing else. A definition comes over REST, so
     * a placeholder naming any property (say {@code ${spring.datasource.password}}) would let its author send that
     * secret to whatever server the URL names; only names an operator set aside for it resolve.
     */
    public static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\$\\{(BIZ_[A-Z0-9_]{1,64})}");

    public static boolean isPlaceholder(String password) {
        return password != null && PLACEHOLDER.matcher(password).matches();
    }

    /** The property or environment variable a placeholder names: {@code BIZ_LOG_PASSWORD} for {@code ${BIZ_LOG_PASSWORD}}. */
    public static String placeholderName(String placeholder) {
        java.util.regex.Matcher m = PLACEHOLDER.matcher(placeholder);
        if (!m.matches()) {
            throw new IllegalArgumentException("a password placeholder must be ${BIZ_NAME}, got " + placeholder);
        }
        return m.group(1);
    }
}
