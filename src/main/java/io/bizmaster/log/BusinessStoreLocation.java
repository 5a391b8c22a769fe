package io.bizmaster.log;



/**
 * Where a business store is: a JDBC URL, a user and the password as a placeholder ({@code ${NAME}}, resolved
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

    public static boolean isPlaceholder(String password) {
        return password != null && password.startsWith("${") && password.endsWith("}") && password.length() > 3;
    }
}
