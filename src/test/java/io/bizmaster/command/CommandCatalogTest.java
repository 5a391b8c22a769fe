package io.bizmaster.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

class CommandCatalogTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static CommandCatalog yaml(String text) {
        return CommandCatalog.fromYaml(text, "test.yaml");
    }

    static void assertLoadError(String text, String message) {
        assertThatThrownBy(() -> yaml(text)).isInstanceOf(CatalogException.class).hasMessage(message);
    }

    static ObjectNode json(String singleQuoted) {
        return (ObjectNode) MAPPER.readTree(singleQuoted.replace('\'', '"'));
    }

    // ---- the demo catalogue ----------------------------------------------------------------------

    @Test
    void demoCatalogueDeclaresTheDemoTypes() {
        CommandCatalog catalog = new CommandCatalog(Path.of("commands/catalog.yaml"));
        assertThat(catalog.types()).containsExactly("customer.credited", "customer.moved", "customer.registered",
                "customer.renamed", "order.cancelled", "order.placed");
        assertThat(catalog.contains("customer.renamed")).isTrue();
        assertThat(catalog.contains("customer.exploded")).isFalse();
        assertThat(catalog.contains(null)).isFalse();

        CommandCatalog.CommandType registered = catalog.type("customer.registered").orElseThrow();
        assertThat(registered.description()).isEqualTo("A new customer signs up.");
        assertThat(registered.keyDescription()).isEqualTo("customer id");
        assertThat(registered.payload()).containsOnlyKeys("name", "email", "address");
        assertThat(registered.payload().get("address").fields()).containsOnlyKeys("street", "zip", "city");
        assertThat(registered.payload().get("address").fields().get("zip").maxLength()).isEqualTo(20);

        CommandCatalog.FieldSpec amount = catalog.type("customer.credited").orElseThrow().payload().get("amount");
        assertThat(amount.type()).isEqualTo(CommandCatalog.FieldType.INTEGER);
        assertThat(amount.required()).isTrue();
        assertThat(amount.min()).isEqualByComparingTo("1");
        assertThat(amount.max()).isEqualByComparingTo("1000000");

        CommandCatalog.FieldSpec total = catalog.type("order.placed").orElseThrow().payload().get("total");
        assertThat(total.type()).isEqualTo(CommandCatalog.FieldType.DECIMAL);
        assertThat(total.scale()).isEqualTo(2);
        assertThat(total.min()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void validateCanBeUsedOnItsOwn() {
        CommandCatalog catalog = new CommandCatalog(Path.of("commands/catalog.yaml"));
        assertThat(catalog.validate("customer.credited", json("{'amount':5}"))).isEmpty();
        assertThat(catalog.validate("customer.credited", json("{'amount':'ten','x':1}")))
                .containsExactly("payload.amount: expected integer, got string \"ten\"", "payload.x: unknown field");
        assertThat(catalog.validate("customer.credited", null)).containsExactly("payload: required field is missing");
        assertThatThrownBy(() -> catalog.validate("no.such", json("{}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown command type 'no.such'");
    }

    @Test
    void decimalFromADoubleTreeIsAccepted() {
        // A tree parsed without USE_BIG_DECIMAL_FOR_FLOATS still validates sensibly.
        CommandCatalog catalog = new CommandCatalog(Path.of("commands/catalog.yaml"));
        assertThat(catalog.validate("order.placed", (ObjectNode) MAPPER.readTree("{\"customerId\":\"c\",\"total\":12.5}")))
                .isEmpty();
    }

    @Test
    void typeWithoutPayloadAndShorthandFields() {
        CommandCatalog catalog = yaml("""
                types:
                  thing.pinged:
                  thing.tagged:
                    payload:
                      tag: string
                      count: integer
                """);
        assertThat(catalog.types()).containsExactly("thing.pinged", "thing.tagged");
        assertThat(catalog.validate("thing.pinged", json("{}"))).isEmpty();
        assertThat(catalog.validate("thing.pinged", json("{'a':1}"))).containsExactly("payload.a: unknown field");
        assertThat(catalog.validate("thing.tagged", json("{'tag':'x','count':'3'}")))
                .containsExactly("payload.count: expected integer, got string \"3\"");
    }

    // ---- load errors -----------------------------------------------------------------------------

    @Test
    void unknownFieldType() {
        assertLoadError("""
                types:
                  customer.registered:
                    payload:
                      address:
                        type: object
                        fields:
                          zip: {type: strin, maxLength: 20}
                """, "test.yaml: type 'customer.registered', field 'address.zip': unknown field type 'strin' "
                + "(expected one of string, integer, decimal, boolean, timestamp, object, array)");
    }

    @Test
    void missingFieldType() {
        assertLoadError("""
                types:
                  a.b:
                    payload:
                      name: {required: true}
                """, "test.yaml: type 'a.b', field 'name': missing 'type' "
                + "(one of string, integer, decimal, boolean, timestamp, object, array)");
    }

    @Test
    void unknownOption() {
        assertLoadError("""
                types:
                  a.b:
                    payload:
                      name: {type: string, maxlen: 20}
                """, "test.yaml: type 'a.b', field 'name': unknown option 'maxlen' for a string field "
                + "(allowed: type, required, description, minLength, maxLength, pattern, enum)");
        assertLoadError("""
                types:
                  a.b:
                    payload:
                      amount: {type: integer, scale: 2}
                """, "test.yaml: type 'a.b', field 'amount': unknown option 'scale' for a integer field "
                + "(allowed: type, required, description, min, max)");
    }

    @Test
    void badOptionValues() {
        assertLoadError("types: {a.b: {payload: {name: {type: string, maxLength: abc}}}}",
                "test.yaml: type 'a.b', field 'name': option 'maxLength' must be a non-negative integer, got 'abc'");
        assertLoadError("types: {a.b: {payload: {name: {type: string, maxLength: -1}}}}",
                "test.yaml: type 'a.b', field 'name': option 'maxLength' must be a non-negative integer, got '-1'");
        assertLoadError("types: {a.b: {payload: {name: {type: string, required: maybe}}}}",
                "test.yaml: type 'a.b', field 'name': option 'required' must be true or false, got 'maybe'");
        assertLoadError("types: {a.b: {payload: {n: {type: integer, min: 1.5}}}}",
                "test.yaml: type 'a.b', field 'n': option 'min' of an integer field must be a whole number, got 1.5");
        assertLoadError("types: {a.b: {payload: {n: {type: decimal, min: ten}}}}",
                "test.yaml: type 'a.b', field 'n': option 'min' must be a number, got 'ten'");
        assertLoadError("types: {a.b: {payload: {n: {type: integer, min: 10, max: 1}}}}",
                "test.yaml: type 'a.b', field 'n': option 'min' (10) is greater than 'max' (1)");
        assertLoadError("types: {a.b: {payload: {s: {type: string, minLength: 5, maxLength: 2}}}}",
                "test.yaml: type 'a.b', field 's': option 'minLength' (5) is greater than 'maxLength' (2)");
        assertLoadError("types: {a.b: {payload: {s: {type: string, pattern: '[a-z'}}}}",
                "test.yaml: type 'a.b', field 's': option 'pattern' is not a valid regular expression: "
                        + "Unclosed character class near index 3");
        assertLoadError("types: {a.b: {payload: {s: {type: string, enum: [yes, no]}}}}",
                "test.yaml: type 'a.b', field 's': option 'enum' must list strings, got 'true' "
                        + "(quote YAML values such as yes, no, on, off, 1)");
        assertLoadError("types: {a.b: {payload: {o: {type: object}}}}",
                "test.yaml: type 'a.b', field 'o': an object field needs 'fields'");
        assertLoadError("types: {a.b: {payload: {l: {type: array}}}}",
                "test.yaml: type 'a.b', field 'l': an array field needs 'items', e.g. items: {type: string}");
        assertLoadError("types: {a.b: {payload: {l: {type: array, items: {type: strng}}}}}",
                "test.yaml: type 'a.b', field 'l[]': unknown field type 'strng' "
                        + "(expected one of string, integer, decimal, boolean, timestamp, object, array)");
        assertLoadError("types: {a.b: {payload: {l: {type: array, items: {type: string, required: true}}}}}",
                "test.yaml: type 'a.b', field 'l[]': option 'required' does not apply to array items");
        assertLoadError("types: {a.b: {payload: {n: 5}}}",
                "test.yaml: type 'a.b', field 'n': expected a field spec such as {type: string, required: true}, got '5'");
    }

    @Test
    void badNames() {
        assertLoadError("types: {Customer.Registered: {}}",
                "test.yaml: type 'Customer.Registered': not a valid command type name "
                        + "(lowercase dot-separated words, e.g. customer.registered)");
        assertLoadError("types: {a.b: {payload: {first name: string}}}",
                "test.yaml: type 'a.b', field 'first name': not a valid field name (letters, digits, _)");
    }

    @Test
    void badStructure() {
        assertLoadError("", "test.yaml: expected a mapping with 'types' at the top level");
        assertLoadError("commands: {}", "test.yaml: unknown top-level key 'commands' (expected 'types')");
        assertLoadError("types: []", "test.yaml: 'types' must be a non-empty mapping of command types");
        assertLoadError("types: {a.b: {payload: {}, version: 2}}",
                "test.yaml: type 'a.b': unknown key 'version' (allowed: description, key, payload, additionalFields)");
        assertLoadError("types: {a.b: {payload: [name]}}",
                "test.yaml: type 'a.b': 'payload' must be a mapping of field names to field specs");
        assertLoadError("types: {a.b: {additionalFields: sometimes}}",
                "test.yaml: type 'a.b': 'additionalFields' must be true or false, got 'sometimes'");
    }

    @Test
    void invalidYaml() {
        assertThatThrownBy(() -> yaml("types:\n  a.b: {payload: {name: {type: string}\n"))
                .isInstanceOf(CatalogException.class).hasMessageStartingWith("test.yaml: invalid YAML: ");
        assertThatThrownBy(() -> yaml("types:\n  a.b: {}\n  a.b: {}\n"))
                .isInstanceOf(CatalogException.class).hasMessageStartingWith("test.yaml: invalid YAML: ")
                .hasMessageContaining("duplicate key a.b");
    }

    @Test
    void errorsFromAFileNameTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, "types:\n  a.b:\n    payload:\n      n: {type: money}\n");
        assertThatThrownBy(() -> new CommandCatalog(file)).isInstanceOf(CatalogException.class)
                .hasMessage(file + ": type 'a.b', field 'n': unknown field type 'money' "
                        + "(expected one of string, integer, decimal, boolean, timestamp, object, array)");
        Path missing = dir.resolve("missing.yaml");
        assertThatThrownBy(() -> new CommandCatalog(missing)).isInstanceOf(CatalogException.class)
                .hasMessageStartingWith(missing + ": cannot read the command catalogue: ");
    }
}
