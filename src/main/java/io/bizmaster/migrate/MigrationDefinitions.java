package io.bizmaster.migrate;

import io.bizmaster.definition.DefinitionLoader;
import io.bizmaster.definition.Problems;
import io.bizmaster.log.BusinessStoreLocation;
import io.bizmaster.store.ConverterRef;
import io.bizmaster.store.jdbc.JdbcUrlPolicy;
import io.bizmaster.store.jdbc.SelectOnlyQuery;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Reads migration definitions: the YAML of {@code migrate create}, and the text kept in each migration's row. The
 * rules across settings (which go with which kind and backfill) are here; every problem is reported at once.
 */
public final class MigrationDefinitions {

    /** What problems name when the text came from the API or the CLI rather than a file of the server's. */
    public static final String ORIGIN = "the migration definition";
    private static final List<String> STORE_SETTINGS = List.of("source", "target", "converter", "backfill", "from", "mapping");

    private final DefinitionLoader loader;
    /** The runner reads every migration's row every tick: a text once read is not read again. */
    private final Map<String, MigrationDefinition> read = new ConcurrentHashMap<>();

    public MigrationDefinitions(DefinitionLoader loader) {
        this.loader = loader;
    }

    /** @throws io.bizmaster.definition.DefinitionException listing every problem at once */
    public MigrationDefinition parse(String text) {
        MigrationDefinition known = read.get(text);
        if (known != null) {
            return known;
        }
        MigrationFile file = loader.load(text, ORIGIN, MigrationFile.class, MigrationDefinitions::check);
        MigrationDefinition definition = new MigrationDefinition(file.id(), limits(file), plan(file), text);
        if (read.size() < 1_000) {
            read.put(text, definition);
        }
        return definition;
    }

    private static void check(MigrationFile f, Problems problems) {
        if ("log".equals(f.kind())) {
            checkLog(f, problems);
            return;
        }
        if (f.targetLog() != null) {
            problems.add("/target-log", "is only used by kind: log");
        }
        if (f.source() == null) {
            problems.add("/source", "is missing");
        }
        if (f.target() == null) {
            problems.add("/target", "is missing");
        }
        if (f.source() != null && f.source().equals(f.target())) {
            problems.add("/target", "source and target are both '" + f.source() + "'");
        }
        if (f.converter() != null) {
            try {
                ConverterRef.parse(f.converter());
            } catch (IllegalArgumentException e) {
                problems.add("/converter", e.getMessage());
            }
        }
        boolean snapshot = "snapshot".equals(f.backfill());
        if (f.from() != null) {
            if (snapshot) {
                problems.add("/from", "goes with backfill replay; a snapshot copy always starts from an empty target");
            } else if (replayFrom(f.from()).isEmpty()) {
                problems.add("/from", "must be 0 (empty the target and rebuild it from the log) or savepoint (continue from "
                        + "the target's own checkpoint, e.g. a restored backup), got '" + f.from().asString() + "'; to replay "
                        + "a store from a given seq, use replay --store NAME --from SEQ");
            }
        }
        boolean mapped = f.mapping() != null && !f.mapping().isEmpty();
        if (snapshot && !mapped) {
            problems.add("/backfill", "snapshot needs a mapping: per target table, {table, key, query} on the source");
        }
        if (!snapshot && mapped) {
            problems.add("/mapping", "is only used by backfill snapshot");
        }
        if (mapped) {
            // Pasted into SQL on a connection to the source (the primary): exactly one SELECT, nothing else, ever.
            for (int i = 0; i < f.mapping().size(); i++) {
                MigrationFile.Mapping m = f.mapping().get(i);
                if (m != null && m.query() != null && !m.query().isBlank()) {
                    for (String problem : SelectOnlyQuery.problems(m.query().trim())) {
                        problems.add("/mapping/" + i + "/query", problem);
                    }
                }
            }
        }
    }

    private static void checkLog(MigrationFile f, Problems problems) {
        Map<String, Object> storeSettings = new java.util.LinkedHashMap<>();
        storeSettings.put("source", f.source());
        storeSettings.put("target", f.target());
        storeSettings.put("converter", f.converter());
        storeSettings.put("backfill", f.backfill());
        storeSettings.put("from", f.from());
        storeSettings.put("mapping", f.mapping());
        for (String setting : STORE_SETTINGS) {
            if (storeSettings.get(setting) != null) {
                problems.add("/" + setting, "names stores; a log move (kind: log) moves the business store and takes "
                        + "target-log instead");
            }
        }
        MigrationFile.TargetLog target = f.targetLog();
        if (target == null) {
            problems.add("/target-log", "kind: log needs target-log: {url, username, password}, the new business store");
            return;
        }
        if (target.url() == null) {
            return;
        }
        if (target.url().toLowerCase(Locale.ROOT).contains("password=")) {
            problems.add("/target-log/url", "carries a password; give it as target-log.password: ${BIZ_NAME} instead");
        } else {
            // Checked before anything connects: a URL can run code in this JVM (H2's INIT) or load classes (drivers).
            JdbcUrlPolicy.problems(target.url()).forEach(p -> problems.add("/target-log/url", p));
        }
        if (target.password() != null && !BusinessStoreLocation.isPlaceholder(target.password())) {
            // The definition is stored with the migration and copied with the business store: never a secret.
            problems.add("/target-log/password", "must be a placeholder ${BIZ_…} such as ${BIZ_LOG_PASSWORD} (an "
                    + "environment variable or property whose name starts with BIZ_), not the password itself: the definition "
                    + "is stored with the migration, and only BIZ_ names are set aside for definitions");
        }
    }

    private static MigrationLimits limits(MigrationFile f) {
        return new MigrationLimits(
                f.maxFreezeMs() == null ? 5_000 : f.maxFreezeMs(),
                f.maxCutoverLag() == null ? 1_000 : f.maxCutoverLag(),
                f.chunk() == null ? 2_000 : f.chunk(),
                f.throttleLag() == null ? 10_000 : f.throttleLag(),
                f.maxRate() == null ? 0 : f.maxRate());
    }

    private static MigrationPlan plan(MigrationFile f) {
        if ("log".equals(f.kind())) {
            MigrationFile.TargetLog t = f.targetLog();
            return new LogMovePlan(new BusinessStoreLocation(t.url().trim(), t.username(), t.password()));
        }
        Backfill backfill = "snapshot".equals(f.backfill())
                ? new Backfill.Snapshot(f.mapping().stream().map(m -> new RowMapping(m.table(), m.key(), m.query().trim())).toList())
                : new Backfill.Replay(f.from() == null ? ReplayFrom.SAVEPOINT : replayFrom(f.from()).orElseThrow());
        return new StoreMigrationPlan(f.source().trim(), f.target().trim(),
                Optional.ofNullable(f.converter()).map(String::trim).map(ConverterRef::parse), backfill);
    }

    private static Optional<ReplayFrom> replayFrom(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() == 0
                || value.isString() && value.stringValue().trim().equals("0")) {
            return Optional.of(ReplayFrom.ZERO);
        }
        if (value.isString() && value.stringValue().trim().equals("savepoint")) {
            return Optional.of(ReplayFrom.SAVEPOINT);
        }
        return Optional.empty();
    }
}
