package io.bizmaster.migrate;



/**
 * One target table of a snapshot backfill: a query on the source whose columns are named as the target
 * table's, paged by {@code key} (one of those columns, unique). Declared in the migration's YAML:
 *
 * <pre>
 * mapping:
 *   - table: customers
 *     key: id
 *     query: SELECT ID AS id, EMAIL AS email, BALANCE AS loyalty_points FROM CUSTOMER
 * </pre>
 */
public record RowMapping(String table, String key, String query) {
}
