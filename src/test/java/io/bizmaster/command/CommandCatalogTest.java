package io.bizmaster.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bizmaster.definition.DefinitionException;
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
        assertThatThrownBy(() -> yaml(text)).isInstanceOf(DefinitionException.class).hasMessageContaining(message);
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
    void unknownFieldTypeNamesItsLineAndPath() {
        assertLoadError("""
                types:
                  customer.registered:
                    payload:
                      address:
                        type: object
                        fields:
                          zip: {type: strin, maxLength: 20}
                """, "test.yaml:7: types['customer.registered'].payload.address.fields.zip.type: unknown field type 'strin' "
                + "(expected one of string, integer, decimal, boolean, timestamp, object, array)");
    }

    @Test
    void missingFieldType() {
        assertLoadError("""
                types:
                  a.b:
                    payload:
                      name: {required: true}
                """, "test.yaml:4: types['a.b'].payload.name.type: is missing "
                + "(one of string, integer, decimal, boolean, timestamp, object, array)");
    }

    @Test
    void unknownOption() {
        assertLoadError("""
                types:
                  a.b:
                    payload:
                      name: {type: string, maxlen: 20}
                """, "test.yaml:4: types['a.b'].payload.name.maxlen: unknown key 'maxlen'");
        assertLoadError("""
                types:
                  a.b:
                    payload:
                      amount: {type: integer, scale: 2}
                """, "test.yaml:4: types['a.b'].payload.amount.scale: does not apply to a integer field "
                + "(it takes: type, required, description, min, max)");
    }

    @Test
    void badOptionValues() {
        assertLoadError("types: {a.b: {payload: {name: {type: string, maxLength: abc}}}}",
                "types['a.b'].payload.name.maxLength: expected a whole number, got 'abc'");
        assertLoadError("types: {a.b: {payload: {name: {type: string, maxLength: -1}}}}",
                "types['a.b'].payload.name.maxLength: must be a non-negative whole number, got -1");
        assertLoadError("types: {a.b: {payload: {name: {type: string, required: maybe}}}}",
                "types['a.b'].payload.name.required: expected true or false, got 'maybe'");
        assertLoadError("types: {a.b: {payload: {n: {type: integer, min: 1.5}}}}",
                "types['a.b'].payload.n.min: of an integer field must be a whole number, got 1.5");
        assertLoadError("types: {a.b: {payload: {n: {type: decimal, min: ten}}}}",
                "types['a.b'].payload.n.min: expected a number, got 'ten'");
        assertLoadError("types: {a.b: {payload: {n: {type: integer, min: 10, max: 1}}}}",
                "types['a.b'].payload.n.min: (10) is greater than max (1)");
        assertLoadError("types: {a.b: {payload: {s: {type: string, minLength: 5, maxLength: 2}}}}",
                "types['a.b'].payload.s.minLength: (5) is greater than maxLength (2)");
        assertLoadError("types: {a.b: {payload: {s: {type: string, pattern: '[a-z'}}}}",
                "types['a.b'].payload.s.pattern: is not a valid regular expression: Unclosed character class near index 3");
        assertLoadError("types: {a.b: {payload: {o: {type: object}}}}",
                "types['a.b'].payload.o: an object field needs 'fields'");
        assertLoadError("types: {a.b: {payload: {l: {type: array}}}}",
                "types['a.b'].payload.l: an array field needs 'items', e.g. items: {type: string}");
        assertLoadError("types: {a.b: {payload: {l: {type: array, items: {type: strng}}}}}",
                "types['a.b'].payload.l.items.type: unknown field type 'strng' "
                        + "(expected one of string, integer, decimal, boolean, timestamp, object, array)");
        assertLoadError("types: {a.b: {payload: {l: {type: array, items: {type: string, required: true}}}}}",
                "types['a.b'].payload.l.items.required: does not apply to array items");
        assertLoadError("types: {a.b: {payload: {n: 5}}}",
                "types['a.b'].payload.n: expected a mapping (key: value), got 5");
    }

    /** YAML 1.2: yes, no, on and off are text, so an enum of them means what it says. */
    @Test
    void yamlWordsAreText() {
        CommandCatalog catalog = yaml("types: {a.b: {payload: {s: {type: string, enum: [yes, no, on]}}}}");
        assertThat(catalog.type("a.b").orElseThrow().payload().get("s").enumValues()).containsExactly("yes", "no", "on");
    }

    @Test
    void everyProblemOfAFileAtOnce() {
        assertThatThrownBy(() -> yaml("""
                types:
                  Bad.Name: {}
                  a.b:
                    payload:
                      n: {type: integer, min: 10, max: 1}
                      s: {type: strng}
                      first name: string
                """)).isInstanceOf(DefinitionException.class)
                .hasMessageContaining("4 problems")
                .hasMessageContaining("test.yaml:2: types['Bad.Name']: 'Bad.Name' is not a valid command type name")
                .hasMessageContaining("test.yaml:5: types['a.b'].payload.n.min: (10) is greater than max (1)")
                .hasMessageContaining("test.yaml:6: types['a.b'].payload.s.type: unknown field type 'strng'")
                .hasMessageContaining("test.yaml:7: types['a.b'].payload['first name']: 'first name' is not a valid field name");
    }

    @Test
    void invalidTypeAndFieldNames() {
        assertLoadError("types: {Customer.Registered: {}}",
                "types['Customer.Registered']: 'Customer.Registered' is not a valid command type name "
                        + "(lowercase dot-separated words, e.g. customer.registered)");
        assertLoadError("types: {a.b: {payload: {first name: string}}}",
                "types['a.b'].payload['first name']: 'first name' is not a valid field name (letters, digits, _)");
    }

    @Test
    void badTopLevel() {
        assertLoadError("", "test.yaml: is empty");
        assertLoadError("commands: {}", "commands: unknown key 'commands'; expected one of [types]");
        assertLoadError("types: []", "types: expected a mapping (key: value), got a list");
        assertLoadError("types: {}", "types: must be a non-empty mapping of command types");
        assertLoadError("types: {a.b: {payload: {}, version: 2}}",
                "types['a.b'].version: unknown key 'version'; expected one of [additionalFields, description, key, payload]");
        assertLoadError("types: {a.b: {payload: [name]}}",
                "types['a.b'].payload: expected a mapping (key: value), got a list");
        assertLoadError("types: {a.b: {additionalFields: sometimes}}",
                "types['a.b'].additionalFields: expected true or false, got 'sometimes'");
    }

    @Test
    void invalidYaml() {
        assertThatThrownBy(() -> yaml("types:\n  a.b: {payload: {name: {type: string}\n"))
                .isInstanceOf(DefinitionException.class).hasMessageStartingWith("test.yaml:").hasMessageContaining("is not valid YAML");
        assertThatThrownBy(() -> yaml("types:\n  a.b: {}\n  a.b: {}\n"))
                .isInstanceOf(DefinitionException.class).hasMessageStartingWith("test.yaml:3: is not valid YAML")
                .hasMessageContaining("a.b");
    }

    @Test
    void errorsFromAFileNameTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(file, "types:\n  a.b:\n    payload:\n      n: {type: money}\n");
        assertThatThrownBy(() -> new CommandCatalog(file)).isInstanceOf(DefinitionException.class)
                .hasMessage(file + ":4: types['a.b'].payload.n.type: unknown field type 'money' "
                        + "(expected one of string, integer, decimal, boolean, timestamp, object, array)");
        Path missing = dir.resolve("missing.yaml");
        assertThatThrownBy(() -> new CommandCatalog(missing)).isInstanceOf(DefinitionException.class)
                .hasMessageStartingWith(missing + ": cannot be read: ");
    }
}
