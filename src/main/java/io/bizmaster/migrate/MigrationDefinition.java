package io.bizmaster.migrate;



/**
 * What {@code migrate create FILE.yaml} declares, read by {@link MigrationDefinitions}. The text is kept as given
 * (in the migration's row), so a restart reads the same plan.
 *
 * <pre>
 * id: modern-v2
 * source: legacy            # today's primary
 * target: modern2           # a store declared with role: detached; the migration attaches it
 * converter: modern@2       # optional: the target's converter (default: as configured)
 * backfill: replay          # replay (from the command log) or snapshot
 * from: savepoint           # replay only: 0 (empty the target, rebuild from seq 1) or savepoint (its checkpoint as found)
 * max-freeze-ms: 5000       # the cut-over aborts rather than freeze intake longer
 * max-cutover-lag: 1000     # a cut-over starts only when the target is this close to the head
 * chunk: 2000               # commands (replay) or rows (snapshot) per backfill step
 * throttle-lag: 10000       # the backfill waits while the primary is this far behind the head
 * max-rate: 5000            # optional: the backfill writes at most this many commands (replay) or rows (snapshot) a second
 * mapping:                  # snapshot only: per target table, a query on the source (see RowMapping)
 *   - {table: customers, key: id, query: "SELECT ID AS id, ... FROM CUSTOMER"}
 * </pre>
 *
 * A log move (seed scenario 6) names the new business store instead of stores:
 *
 * <pre>
 * id: log-to-pg
 * kind: log
 * target-log: {url: "jdbc:postgresql://db/business", username: app, password: "${BIZ_LOG_PASSWORD}"}
 * max-freeze-ms: 5000       # as above; chunk is commands copied per step, throttle-lag and max-rate as above
 * max-cutover-lag: 1000     # a cut-over starts only when this few commands are left to copy
 * </pre>
 */
public record MigrationDefinition(String id, MigrationLimits limits, MigrationPlan plan, String text) {
}
