package io.bizmaster.demo;



/** Migration definitions of the demo domain, shared by the benchmark and the tests. */
public final class DemoMigrations {

    /**
     * The {@code mapping:} block of a snapshot backfill from the legacy schema to the modern one, in portable SQL
     * (H2, PostgreSQL, MariaDB: POSITION(... IN ...), SUBSTRING(... FROM ... FOR ...), LEFT), as in
     * docs/MIGRATION.md. Append it to a definition's other settings.
     */
    public static final String LEGACY_TO_MODERN_MAPPING = """
            mapping:
              - table: customers
                key: id
                query: >
                  SELECT ID AS id,
                    CASE WHEN POSITION(' ' IN NAME) > 0 THEN LEFT(NAME, POSITION(' ' IN NAME) - 1) ELSE NAME END AS first_name,
                    CASE WHEN POSITION(' ' IN NAME) > 0 THEN SUBSTRING(NAME FROM POSITION(' ' IN NAME) + 1) END AS last_name,
                    EMAIL AS email, BALANCE AS loyalty_points
                  FROM CUSTOMER
              - table: addresses
                key: customer_id
                query: >
                  SELECT ID AS customer_id, LEFT(ADDRESS, POSITION(', ' IN ADDRESS) - 1) AS street,
                    SUBSTRING(ADDRESS FROM POSITION(', ' IN ADDRESS) + 2 FOR 5) AS zip,
                    SUBSTRING(ADDRESS FROM POSITION(', ' IN ADDRESS) + 8) AS city
                  FROM CUSTOMER WHERE ADDRESS IS NOT NULL
              - table: orders
                key: id
                query: >
                  SELECT ID AS id, CUSTOMER_ID AS customer_id, TOTAL AS total,
                    CASE STATUS_CODE WHEN 9 THEN 'CANCELLED' ELSE 'PLACED' END AS status, PLACED_AT AS placed_at
                  FROM ORDERS
            """;

    private DemoMigrations() {
    }
}
