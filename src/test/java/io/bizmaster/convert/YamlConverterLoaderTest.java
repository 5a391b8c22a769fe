package io.bizmaster.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bizmaster.definition.DefinitionException;
import io.bizmaster.store.ConverterRef;
import io.bizmaster.store.jdbc.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlConverterLoaderTest {

    @TempDir
    Path dir;

    private final YamlConverterLoader loader = new YamlConverterLoader();

    private Path write(String name, String file, String yaml) throws IOException {
        Path path = dir.resolve(name).resolve(file);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, yaml);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertLoadFails(String onSection) throws IOException {
        Path file = write("shop", "v1.yaml", "converter: shop\nversion: 1\non:\n" + onSection);
        return assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(DefinitionException.class)
                .hasMessageStartingWith(file.toString());
    }

    @Test
    void loadsTheDemoConverters() {
        YamlConverter legacy = loader.load(Path.of("converters/legacy/v1.yaml"));
        assertThat(legacy.ref()).isEqualTo(ConverterRef.parse("legacy@1"));
        assertThat(legacy.commandTypes()).containsExactlyInAnyOrder("customer.registered", "customer.renamed", "customer.moved",
                "customer.credited", "order.placed", "order.cancelled");
        assertThat(legacy.handles("order.placed")).isTrue();
        assertThat(legacy.handles("order.shipped")).isFalse();
        assertThat(legacy.description()).startsWith("v0 schema");

        YamlConverter modern = loader.load(Path.of("converters/modern/v2.yaml"));
        assertThat(modern.ref()).isEqualTo(ConverterRef.parse("modern@2"));
        assertThat(modern.statements("customer.registered", Dialect.H2)).containsExactly(
                "MERGE INTO customers (id, first_name, last_name, email) KEY (id) VALUES (?, ?, ?, ?)",
                "MERGE INTO addresses (customer_id, street, zip, city) KEY (customer_id) VALUES (?, ?, ?, ?)");
    }

    @Test
    void writesTheSqlOfEachOperationPerDialect() {
        YamlConverter legacy = loader.load(Path.of("converters/legacy/v1.yaml"));
        assertThat(legacy.statements("customer.registered", Dialect.POSTGRESQL)).containsExactly(
                "INSERT INTO CUSTOMER (ID, NAME, EMAIL, ADDRESS) VALUES (?, ?, ?, ?) ON CONFLICT (ID) DO UPDATE SET "
                        + "NAME = EXCLUDED.NAME, EMAIL = EXCLUDED.EMAIL, ADDRESS = EXCLUDED.ADDRESS");
        assertThat(legacy.statements("customer.registered", Dialect.MARIADB)).containsExactly(
                "INSERT INTO CUSTOMER (ID, NAME, EMAIL, ADDRESS) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
                        + "NAME = VALUES(NAME), EMAIL = VALUES(EMAIL), ADDRESS = VALUES(ADDRESS)");
        assertThat(legacy.statements("customer.credited", Dialect.MARIADB)).containsExactly(
                "UPDATE CUSTOMER SET BALANCE = COALESCE(BALANCE, 0) + ? WHERE ID = ?");
        assertThat(legacy.statements("order.placed", Dialect.POSTGRESQL)).containsExactly(
                "INSERT INTO ORDERS (ID, CUSTOMER_ID, TOTAL, STATUS_CODE, PLACED_AT) VALUES (?, ?, ?, ?, ?)");
        assertThat(legacy.statements("order.cancelled", Dialect.H2)).containsExactly("UPDATE ORDERS SET STATUS_CODE = ? WHERE ID = ?");
    }

    @Test
    void upsertWithOnlyKeyColumnsDoesNothingOnConflict() throws IOException {
        YamlConverter c = loader.load(write("shop", "v1.yaml", """
                converter: shop
                version: 1
                on:
                  tag.added:
                    - upsert: TAGS
                      key: {ID: key, NAME: payload.tag}
                  tag.removed:
                    - delete: TAGS
                      key: {ID: key, NAME: payload.tag}
                """));
        assertThat(c.statements("tag.added", Dialect.POSTGRESQL)).containsExactly(
                "INSERT INTO TAGS (ID, NAME) VALUES (?, ?) ON CONFLICT (ID, NAME) DO NOTHING");
        assertThat(c.statements("tag.added", Dialect.MARIADB)).containsExactly(
                "INSERT INTO TAGS (ID, NAME) VALUES (?, ?) ON DUPLICATE KEY UPDATE ID = ID");
        assertThat(c.statements("tag.removed", Dialect.H2)).containsExactly("DELETE FROM TAGS WHERE ID = ? AND NAME = ?");
    }

    @Test
    void yamlWordsLikeOnAndYesAreNotBooleans() throws IOException {
        // YAML 1.1 reads "on", "yes" and "no" as booleans; here they are a key and a (rejected) bare word.
        assertLoadFails("""
                  order.placed:
                    - insert: ORDERS
                      set: {ID: key, PAID: yes}
                """).hasMessageContaining("on['order.placed'][0].set.PAID: ").hasMessageContaining("unknown name 'yes'");
    }

    @Test
    void badTableNameFailsAtLoadNamingThePlace() throws IOException {
        assertLoadFails("""
                  customer.registered:
                    - upsert: "CUSTOMER; DROP TABLE ORDERS"
                      key: {ID: key}
                """)
                .hasMessageContaining(":5: on['customer.registered'][0].upsert: ")
                .hasMessageContaining("table name 'CUSTOMER; DROP TABLE ORDERS' is not allowed")
                .hasMessageContaining("expected a letter followed by up to 62 letters");
    }

    @Test
    void badColumnNameFailsAtLoadNamingThePlace() throws IOException {
        assertLoadFails("""
                  customer.registered:
                    - upsert: CUSTOMER
                      key: {ID: key}
                      set:
                        NAME: payload.name
                        "EMAIL = 'x', NAME": payload.email
                """)
                .hasMessageContaining(":9: on['customer.registered'][0].set['EMAIL = \\'x\\', NAME']: ")
                .hasMessageContaining("is not allowed; expected a letter");
        assertLoadFails("""
                  order.placed:
                    - insert: ORDERS
                      set: {ID: key, ORDER: seq}
                """).hasMessageContaining("column name 'ORDER' is a reserved word");
        assertLoadFails("""
                  order.placed:
                    - insert: ORDERS
                      set: {ID: key, A23456789012345678901234567890123456789012345678901234567890123X: seq}
                """).hasMessageContaining("is not allowed");
    }

    @Test
    void badExpressionFailsAtLoadNamingThePlace() throws IOException {
        assertLoadFails("""
                  customer.renamed:
                    - update: CUSTOMER
                      key: {ID: key}
                      set: {NAME: payload.name}
                  customer.registered:
                    - upsert: CUSTOMER
                      key: {ID: key}
                      set: {NAME: payload.name}
                    - upsert: ADDRESS
                      key: {CUSTOMER_ID: key}
                      set:
                        CITY: paylod.address.city
                """)
                .hasMessageContaining(":15: on['customer.registered'][1].set.CITY: ")
                .hasMessageContaining("unknown name 'paylod.address.city'")
                .hasMessageContaining("did you mean payload.address.city?")
                .hasMessageContaining("expected key, id, type");
    }

    @Test
    void quotedValuesAndConstantsAreText() throws IOException {
        YamlConverter c = loader.load(write("shop", "v1.yaml", """
                converter: shop
                version: 1
                on:
                  order.placed:
                    - insert: ORDERS
                      set:
                        ID: key
                        STATUS: 'PLACED'
                        NOTE: "concat('by ', source)"
                        RAW: {const: payload.name}
                        N: {const: 12}
                        E:
                """));
        assertThat(c.statements("order.placed", Dialect.H2)).containsExactly(
                "INSERT INTO ORDERS (ID, STATUS, NOTE, RAW, N, E) VALUES (?, ?, ?, ?, ?, ?)");
    }

    @Test
    void anInsertMayNameItsRowWithAKey() throws IOException {
        YamlConverter c = loader.load(write("shop", "v1.yaml", """
                converter: shop
                version: 1
                on:
                  order.placed:
                    - insert: ORDERS
                      key: {ID: key}
                      set: {TOTAL: decimal(payload.total)}
                """));
        assertThat(c.statements("order.placed", Dialect.MARIADB)).containsExactly(
                "INSERT INTO ORDERS (ID, TOTAL) VALUES (?, ?)");
    }

    @Test
    void structuralMistakesSayWhatWasExpected() throws IOException {
        assertLoadFails("""
                  order.placed:
                    - insert: ORDERS
                      set: {ID: key}
                      add: {TOTAL: payload.total}
                """).hasMessageContaining("on['order.placed'][0].add: ").hasMessageContaining("insert does not take 'add'");
        assertLoadFails("""
                  order.placed:
                    - insert: ORDERS
                      update: ORDERS
                      set: {ID: key}
                """).hasMessageContaining("has several actions").hasMessageContaining("expected exactly one of insert, upsert");
        assertLoadFails("""
                  order.placed:
                    - table: ORDERS
                """).hasMessageContaining("on['order.placed'][0].table: unknown key 'table'");
        assertLoadFails("""
                  order.cancelled:
                    - update: ORDERS
                      key: {ID: key}
                """).hasMessageContaining("update needs at least one column in 'set'");
        assertLoadFails("""
                  order.cancelled:
                    - update: ORDERS
                      key: {ID: key}
                      set: {ID: payload.newId}
                """).hasMessageContaining("on['order.cancelled'][0].set.ID: ").hasMessageContaining("appears twice");
        assertLoadFails("""
                  order.cancelled:
                    update: ORDERS
                """).hasMessageContaining("on['order.cancelled']: expected a list");
        assertLoadFails("""
                  order.cancelled:
                    - update: ORDERS
                      key: {ID: key}
                      set: {STATUS: [1, 2]}
                """).hasMessageContaining("on['order.cancelled'][0].set.STATUS: expected an expression");
        assertLoadFails("""
                  order.cancelled:
                    - delete: ORDERS
                      key: {}
                """).hasMessageContaining("delete needs at least one column in 'key'");
    }

    @Test
    void everyProblemOfAFileAtOnce() throws IOException {
        assertLoadFails("""
                  order.placed:
                    - insert: "ORDERS; --"
                      set: {ID: key}
                    - upsert: ORDERS
                      key: {ID: key}
                      set: {TOTAL: paylod.total, ORDER: seq}
                  order.cancelled:
                    - delete: ORDERS
                """)
                .hasMessageContaining("4 problems")
                .hasMessageContaining(":5: on['order.placed'][0].insert: table name")
                .hasMessageContaining(":9: on['order.placed'][1].set.TOTAL: unknown name 'paylod.total'")
                .hasMessageContaining(":9: on['order.placed'][1].set.ORDER: column name 'ORDER' is a reserved word")
                .hasMessageContaining(":11: on['order.cancelled'][0]: delete needs at least one column in 'key'");
    }

    @Test
    void fileMustMatchItsName() throws IOException {
        Path wrongVersion = write("shop", "v2.yaml", "converter: shop\nversion: 1\non: {}\n");
        assertThatThrownBy(() -> loader.load(wrongVersion)).isInstanceOf(DefinitionException.class)
                .hasMessageContaining("the file says version 1 but is named v2.yaml");
        Path wrongName = write("shop", "v1.yaml", "converter: store\nversion: 1\non: {}\n");
        assertThatThrownBy(() -> loader.load(wrongName)).hasMessageContaining("the file says converter store but is in folder shop");
        Path notYaml = write("shop", "v1.yaml", "converter: shop\nversion: 1\non: {a: [\n");
        assertThatThrownBy(() -> loader.load(notYaml)).hasMessageContaining("is not valid YAML");
        Path noOn = write("shop", "v1.yaml", "converter: shop\nversion: 1\n");
        assertThatThrownBy(() -> loader.load(noOn)).hasMessageContaining("on: is missing");
        Path typo = write("shop", "v1.yaml", "converter: shop\nversion: 1\ndescripton: x\non: {}\n");
        assertThatThrownBy(() -> loader.load(typo)).hasMessageContaining(":3: descripton: unknown key 'descripton'");
        Path empty = write("shop", "v1.yaml", "");
        assertThatThrownBy(() -> loader.load(empty)).hasMessageContaining("is empty");
    }
}
