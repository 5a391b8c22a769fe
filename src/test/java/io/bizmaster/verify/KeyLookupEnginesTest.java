package io.bizmaster.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.store.jdbc.Dialect;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A key lookup (the inline verifier's, a verification's re-check) finds exactly the rows asked for on every
 * engine, with text and integer keys, more keys than one statement takes, keys that are absent and keys that
 * an integer column cannot hold. PostgreSQL and H2 bind the keys as one array, MariaDB as an IN list.
 */
class KeyLookupEnginesTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Dialect.class)
    void findsExactlyTheRowsAskedForWithTextAndIntegerKeys(Dialect dialect) throws Exception {
        DataSource ds = TestDatabases.fresh(dialect);
        TestDatabases.execute(ds,
                "CREATE TABLE tagged (id VARCHAR(64) NOT NULL PRIMARY KEY, label VARCHAR(100))",
                "CREATE TABLE counted (id BIGINT NOT NULL PRIMARY KEY, label VARCHAR(100))");
        for (int from = 1; from <= 1_200; from += 300) {
            List<String> tagged = new ArrayList<>();
            List<String> counted = new ArrayList<>();
            for (int i = from; i < from + 300; i++) {
                tagged.add("('t-" + i + "', 'label " + i + "')");
                counted.add("(" + i * 1_000_003L + ", 'label " + i + "')");
            }
            TestDatabases.execute(ds, "INSERT INTO tagged (id, label) VALUES " + String.join(", ", tagged),
                    "INSERT INTO counted (id, label) VALUES " + String.join(", ", counted));
        }
        ProjectionSet projections = new ProjectionLoader().parse("""
                converter: lookups
                entities:
                  tag:
                    commands: [tag.]
                    key: id
                    table: tagged
                    columns: {id: id, label: label}
                  count:
                    commands: [count.]
                    key: id
                    query: SELECT id, label FROM counted
                    columns: {label: {}}
                """, "lookups", "lookups");
        VerifiedStore store = VerifiedStore.still("s", ds, projections);
        List<EntityComparison> plan = Verifier.plan(store, VerifiedStore.still("copy", ds, projections), null);
        EntityComparison tags = plan.stream().filter(e -> e.entity().equals("tag")).findFirst().orElseThrow();
        EntityComparison counts = plan.stream().filter(e -> e.entity().equals("count")).findFirst().orElseThrow();

        List<String> tagKeys = new ArrayList<>(IntStream.rangeClosed(1, 1_100).mapToObj(i -> "t-" + i).toList());
        tagKeys.addAll(List.of("t-0", "t-99999", "T-1", "t-1 "));
        List<String> countKeys = new ArrayList<>(IntStream.rangeClosed(1, 700).mapToObj(i -> String.valueOf(i * 1_000_003L)).toList());
        countKeys.addAll(List.of("42", "not-a-number", "99999999999999999999"));
        try (Connection c = ds.getConnection()) {
            Map<String, ProjectedRow> foundTags = tags.source().lookup(c, tagKeys);
            assertThat(foundTags.keySet()).as("%s text keys", dialect)
                    .containsExactlyInAnyOrderElementsOf(tagKeys.subList(0, 1_100));
            assertThat(foundTags.get("t-777").values()).contains("label 777");

            Map<String, ProjectedRow> foundCounts = counts.source().lookup(c, countKeys);
            assertThat(foundCounts.keySet()).as("%s integer keys", dialect)
                    .containsExactlyInAnyOrderElementsOf(countKeys.subList(0, 700));
            assertThat(foundCounts.get(String.valueOf(5 * 1_000_003L)).values()).contains("label 5");
        }
    }
}
