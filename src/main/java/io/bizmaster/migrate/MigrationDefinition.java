package io.bizmaster.migrate;

import io.bizmaster.convert.ConverterRef;
import io.bizmaster.log.BusinessStoreLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * What {@code migrate create FILE.yaml} declares. The text is kept as given (in the migration's row), so a
 * restart reads the same plan.
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
 * A log migration (seed scenario 6) names the new business store instead of stores:
 *
 * <pre>
 * id: log-to-pg
 * kind: log
 * target-log: {url: "jdbc:postgresql://db/business", username: app, password: "${BIZ_LOG_PASSWORD}"}
 * max-freeze-ms: 5000       # as above; chunk is commands copied per step, throttle-lag as above,
 *                           # max-rate (optional) caps the backfill's commands copied a second
 * max-cutover-lag: 1000     # a cut-over starts only when this few commands are left to copy
 * </pre>
 *
 * @param source    a store migration's source store (null for a log migration)
 * @param target    a store migration's target store (null for a log migration)
 * @param targetLog a log migration's new business store (null for a store migration)
 * @param maxRate   the backfill's cap in commands or rows a second; 0 for none
 */
public record MigrationDefinition(String id, String source, String target, ConverterRef converter, BackfillMode backfill,
                                  ReplayFrom from,
                                  long maxFreezeMillis, long maxCutoverLag, int chunk, long throttleLag,
                                  List<RowMapping> mapping, String text, MigrationKind kind, BusinessStoreLocation targetLog,
                                  long maxRate) {

    private static final List<String> STORE_SETTINGS = List.of("source", "target", "converter", "backfill", "from", "mapping");

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    /** @throws IllegalArgumentException listing every problem at once */
    public static MigrationDefinition parse(String text) {
        Object loaded;
        try {
            loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("the migration definition is not valid YAML: " + e.getMessage());
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the migration definition must be a YAML mapping (id, source, target, ...)");
        }
        List<String> problems = new ArrayList<>();
        for (Object key : map.keySet()) {
            if (!List.of("id", "kind", "source", "target", "converter", "backfill", "from", "max-freeze-ms", "max-cutover-lag",
                    "chunk", "throttle-lag", "max-rate", "mapping", "target-log").contains(String.valueOf(key))) {
                problems.add("unknown setting '" + key + "'");
            }
        }
        String id = string(map, "id", problems, true);
        if (id != null && !ID.matcher(id).matches()) {
            problems.add("id '" + id + "' must match " + ID.pattern());
        }
        String kindText = string(map, "kind", problems, false);
        if ("log".equals(kindText)) {
            return parseLog(map, id, text, problems);
        }
        if (kindText != null && !"store".equals(kindText)) {
            problems.add("kind '" + kindText + "' must be store (the default) or log");
        }
        if (map.containsKey("target-log")) {
            problems.add("target-log is only used by kind: log");
        }
        String source = string(map, "source", problems, true);
        String target = string(map, "target", problems, true);
        if (source != null && source.equals(target)) {
            problems.add("source and target are both '" + source + "'");
        }
        ConverterRef converter = null;
        String converterText = string(map, "converter", problems, false);
        if (converterText != null) {
            try {
                converter = ConverterRef.parse(converterText);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        BackfillMode backfill = BackfillMode.REPLAY;
        String backfillText = string(map, "backfill", problems, false);
        if (backfillText != null) {
            try {
                backfill = BackfillMode.valueOf(backfillText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("backfill '" + backfillText + "' must be replay or snapshot");
            }
        }
        ReplayFrom from = from(map.get("from"), backfill, problems);
        long maxFreeze = number(map, "max-freeze-ms", 5_000, problems);
        long maxLag = number(map, "max-cutover-lag", 1_000, problems);
        long chunk = number(map, "chunk", 2_000, problems);
        long throttle = number(map, "throttle-lag", 10_000, problems);
        long maxRate = number(map, "max-rate", 0, problems);
        List<RowMapping> mapping = mapping(map.get("mapping"), problems);
        if (backfill == BackfillMode.SNAPSHOT && mapping.isEmpty()) {
            problems.add("backfill snapshot needs a mapping: per target table, {table, key, query} on the source");
        }
        if (backfill == BackfillMode.REPLAY && !mapping.isEmpty()) {
            problems.add("a mapping is only used by backfill snapshot");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid migration" + (id == null ? "" : " '" + id + "'") + ": "
                    + String.join("; ", problems));
        }
        return new MigrationDefinition(id, source, target, converter, backfill, from, maxFreeze, maxLag, (int) chunk, throttle,
                mapping, text, MigrationKind.STORE, null, maxRate);
    }

    private static MigrationDefinition parseLog(Map<?, ?> map, String id, String text, List<String> problems) {
        for (String setting : STORE_SETTINGS) {
            if (map.containsKey(setting)) {
                problems.add("'" + setting + "' names stores; a log migration (kind: log) moves the business store and "
                        + "takes target-log instead");
            }
        }
        BusinessStoreLocation targetLog = null;
        Object value = map.get("target-log");
        if (!(value instanceof Map<?, ?> location)) {
            problems.add("kind: log needs target-log: {url, username, password}, the new business store");
        } else {
            for (Object key : location.keySet()) {
                if (!List.of("url", "username", "password").contains(String.valueOf(key))) {
                    problems.add("unknown setting 'target-log." + key + "'");
                }
            }
            String url = string(location, "url", problems, false);
            if (url == null || !url.startsWith("jdbc:")) {
                problems.add("target-log.url must be a JDBC URL (jdbc:postgresql://…, jdbc:h2:…)");
            }
            String password = string(location, "password", problems, false);
            if (password != null && !BusinessStoreLocation.isPlaceholder(password)) {
                // The definition is stored with the migration and copied with the business store: never a secret.
                problems.add("target-log.password must be a placeholder such as ${BIZ_LOG_PASSWORD} (an environment "
                        + "variable or property), not the password itself: the definition is stored with the migration");
            }
            if (url != null && url.toLowerCase(Locale.ROOT).contains("password=")) {
                problems.add("target-log.url carries a password; give it as target-log.password: ${NAME} instead");
            }
            targetLog = new BusinessStoreLocation(url, string(location, "username", problems, false), password);
        }
        long maxFreeze = number(map, "max-freeze-ms", 5_000, problems);
        long maxLag = number(map, "max-cutover-lag", 1_000, problems);
        long chunk = number(map, "chunk", 2_000, problems);
        long throttle = number(map, "throttle-lag", 10_000, problems);
        long maxRate = number(map, "max-rate", 0, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid migration" + (id == null ? "" : " '" + id + "'") + ": "
                    + String.join("; ", problems));
        }
        return new MigrationDefinition(id, null, null, null, null, null, maxFreeze, maxLag, (int) chunk, throttle, List.of(),
                text, MigrationKind.LOG, targetLog, maxRate);
    }

    /** {@code max-rate} as status shows it: null when the backfill is not capped. */
    public Long maxRateOrNull() {
        return maxRate > 0 ? maxRate : null;
    }

    public boolean movesLog() {
        return kind == MigrationKind.LOG;
    }

    private static ReplayFrom from(Object value, BackfillMode backfill, List<String> problems) {
        if (value == null) {
            return ReplayFrom.SAVEPOINT;
        }
        if (backfill != BackfillMode.REPLAY) {
            problems.add("'from' goes with backfill replay; a snapshot copy always starts from an empty target");
            return ReplayFrom.SAVEPOINT;
        }
        String text = String.valueOf(value).trim();
        if (value instanceof Number n && n.doubleValue() == 0 || text.equals("0")) {
            return ReplayFrom.ZERO;
        }
        if (text.equals("savepoint")) {
            return ReplayFrom.SAVEPOINT;
        }
        problems.add("'from' must be 0 (empty the target and rebuild it from the log) or savepoint (continue from the "
                + "target's own checkpoint, e.g. a restored backup), got '" + value + "'; to replay a store from a given "
                + "seq, use replay --store NAME --from SEQ");
        return ReplayFrom.SAVEPOINT;
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private static List<RowMapping> mapping(Object value, List<String> problems) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problems.add("'mapping' must be a list of {table, key, query}");
            return List.of();
        }
        List<RowMapping> mappings = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> m) || m.get("table") == null || m.get("key") == null || m.get("query") == null) {
                problems.add("mapping entry " + item + " needs table, key and query");
                continue;
            }
            String table = String.valueOf(m.get("table")).trim();
            String key = String.valueOf(m.get("key")).trim();
            if (!IDENTIFIER.matcher(table).matches() || !IDENTIFIER.matcher(key).matches()) {
                problems.add("mapping entry for '" + table + "': table and key must be plain SQL names");
                continue;
            }
            mappings.add(new RowMapping(table, key, String.valueOf(m.get("query")).trim()));
        }
        return List.copyOf(mappings);
    }

    private static String string(Map<?, ?> map, String key, List<String> problems, boolean required) {
        Object value = map.get(key);
        if (value == null) {
            if (required) {
                problems.add("'" + key + "' is missing");
            }
            return null;
        }
        return String.valueOf(value).trim();
    }

    private static long number(Map<?, ?> map, String key, long defaultValue, List<String> problems) {
        Object value = map.get(key);
        if (value == null) {
            return defaultValue;
        }
        // Integer or Long only: YAML reads 2.5 as a Double and 1e30 as a BigInteger, neither of which is meant.
        if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() > 0) {
            return ((Number) value).longValue();
        }
        problems.add("'" + key + "' must be a positive whole number, got '" + value + "'");
        return defaultValue;
    }
}
