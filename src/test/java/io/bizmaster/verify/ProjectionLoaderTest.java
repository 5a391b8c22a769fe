package io.bizmaster.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ProjectionLoaderTest {

    final ProjectionLoader loader = new ProjectionLoader();

    @Test
    void theDemoConvertersDeclareCustomersAndOrders() {
        Projections projections = new Projections(Path.of("converters"), loader);
        ProjectionSet legacy = projections.of("legacy");
        ProjectionSet modern = projections.of("modern");
        assertThat(legacy.entities()).containsOnlyKeys("customer", "order");
        assertThat(modern.entities()).containsOnlyKeys("customer", "order");
        assertThat(legacy.entities().get("order").query()).startsWith("SELECT ID AS id, CUSTOMER_ID AS customer_id")
                .endsWith(" FROM ORDERS");
        assertThat(modern.entities().get("order").columns()).containsKey("cancel_reason");
        assertThat(legacy.entities().get("customer").changedBy("customer.renamed")).isTrue();
        assertThat(legacy.entities().get("customer").changedBy("order.placed")).isFalse();
        assertThat(projections.of("nobody").entities()).isEmpty();
    }

    @Test
    void rulesAreReadAsDeclared() {
        ProjectionSet set = loader.parse("""
                converter: x
                entities:
                  thing:
                    commands: [thing., other.made]
                    key: id
                    table: THINGS
                    columns:
                      id: ID
                      at: {sql: AT_LOCAL, type: timestamp, zone: Europe/Paris, precision: millis}
                      name: {sql: NAME, ignore-trailing-spaces: true, empty-is-null: true, unicode: nfc, ignore-case: true}
                      amount: {sql: AMOUNT, scale: 2}
                """, "test", "x");
        Projection thing = set.entities().get("thing");
        assertThat(thing.query()).isEqualTo("SELECT ID AS id, AT_LOCAL AS at, NAME AS name, AMOUNT AS amount FROM THINGS");
        assertThat(thing.columns()).containsOnlyKeys("at", "name", "amount");
        assertThat(thing.columns().get("at").zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(thing.columns().get("name").describe()).isEqualTo("ignore-trailing-spaces, empty-is-null, unicode NFC, ignore-case");
        assertThat(thing.changedBy("other.made")).isTrue();
        assertThat(thing.changedBy("other.unmade")).isFalse();
    }

    @Test
    void errorsNameTheFileLineEntityAndColumn() {
        assertThatThrownBy(() -> loader.parse("""
                converter: x
                entities:
                  thing:
                    commands: [thing.]
                    key: id
                    table: THINGS
                    columns:
                      id: ID
                      amount: {sql: AMOUNT, sacle: 2}
                """, "converters/x/projections.yaml", "x"))
                .isInstanceOf(io.bizmaster.definition.DefinitionException.class)
                .hasMessageStartingWith("converters/x/projections.yaml:9: entities.thing.columns.amount.sacle: unknown key 'sacle'");
        assertThatThrownBy(() -> loader.parse("""
                converter: x
                entities:
                  thing:
                    commands: [thing.]
                    key: id
                    query: SELECT ID AS id, NAME AS name FROM THINGS
                    columns:
                      name: NAME
                """, "f", "x"))
                .hasMessageContaining("f:8: entities.thing.columns.name: sql is for projections declared with table");
        assertThatThrownBy(() -> loader.parse("converter: y\nentities: {}\n", "f", "x"))
                .hasMessageContaining("f:1: converter: is 'y' but the file is in the folder of converter 'x'");
        assertThatThrownBy(() -> loader.parse("""
                converter: x
                entities:
                  thing:
                    commands: [thing.]
                    key: id
                    table: THINGS
                    columns:
                      id: ID
                      at: {sql: AT, type: decimal, zone: Europe/Paris}
                """, "f", "x"))
                .hasMessageContaining("entities.thing.columns.at: precision and zone apply to timestamps, not to type decimal");
    }

    @Test
    void aRecordProjectionNamesTheEntityAndAFieldPerColumn() {
        Projection customer = new Projections(Path.of("converters"), loader).of("cache").entities().get("customer");
        assertThat(customer.source()).isEqualTo(new Projection.Records("customer",
                java.util.Map.of("name", "name", "email", "email", "balance", "points"), java.util.Map.of("balance", "0")));
        assertThatThrownBy(customer::query).hasMessageContaining("reads records of a record store, not SQL");
    }

    @Test
    void aRecordProjectionsMistakesAreAllReportedAtOnce() {
        assertThatThrownBy(() -> loader.parse("""
                converter: x
                entities:
                  thing:
                    commands: [thing.]
                    key: id
                    record: things
                    table: THINGS
                    columns:
                      id: {}
                      name: {sql: NAME}
                      size: {field: "bad field!"}
                  other:
                    commands: [other.]
                    key: id
                    table: OTHERS
                    columns:
                      id: ID
                      name: {sql: NAME, field: name, default: x}
                """, "f", "x"))
                .hasMessageContaining("entities.thing: give one of query (a SELECT returning the key and the columns), "
                        + "table (with an SQL expression per column) or record (a record store's entity, with a field per "
                        + "column), not several")
                .hasMessageContaining("entities.thing.columns.name: with record, a column names its field")
                .hasMessageContaining("entities.thing.columns.size.field: 'bad field!' must match")
                .hasMessageContaining("entities.thing.columns.id: with record, the key is the record's own key")
                .hasMessageContaining("entities.other.columns.name: field and default are for projections of a record store");
    }
}
