package io.bizmaster.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bizmaster.command.CommandCatalog;
import io.bizmaster.command.CommandParser;
import io.bizmaster.definition.DefinitionLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** The forwarding rules as the gateway uses them, read from files against a CRM and a shop domain. */
class ForwardingTest {

    private static final Path FILES = Path.of("src/test/resources/forwarding");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRuleTurnsAPostedCommandIntoTheOwningDomainsCommandKeepingIdKeyAndIssuedAt() {
        Forwarding forwarding = domains("forwarding.yaml").forwarding();
        ObjectNode posted = object("""
                {"id": "f-1", "type": "bff.contact.rename", "key": "c-7", "source": "browser",
                 "issuedAt": "2026-12-01T10:00:00Z", "payload": {"displayName": "  Ada King ", "secret": "x"}}""");

        Forwarding.Forwarded forwarded = forwarding.forward(posted, "bff");

        assertThat(forwarded.domain().name()).isEqualTo("crm");
        assertThat(forwarded.domain().queue()).isEqualTo("biz.domain.crm");
        assertThat(forwarded.envelope()).isEqualTo(object("""
                {"id": "f-1", "type": "contact.renamed", "key": "c-7", "source": "bff",
                 "issuedAt": "2026-12-01T10:00:00Z", "payload": {"name": "Ada King"}}"""));
        assertThat(posted.path("type").asString()).as("the posted envelope is left as it was").isEqualTo("bff.contact.rename");
    }

    @Test
    void aRuleBuildsNestedFieldsLeavesOutNullsAndKeepsThePayloadWhenItHasNone() {
        Forwarding forwarding = domains("forwarding.yaml").forwarding();

        ObjectNode moved = forwarding.forward(object("""
                {"id": "f-2", "type": "bff.contact.move", "key": "c-7", "payload": {"town": "Delft"}}"""), "bff").envelope();
        assertThat(moved.get("payload")).isEqualTo(object("{\"address\": {\"city\": \"DELFT\"}}"));

        ObjectNode touched = forwarding.forward(object("""
                {"id": "f-3", "type": "bff.contact.touch", "key": "c-7", "payload": {"name": "Ada"}}"""), "bff").envelope();
        assertThat(touched).isEqualTo(object("""
                {"id": "f-3", "type": "contact.renamed", "key": "c-7", "payload": {"name": "Ada"}, "source": "bff"}"""));
    }

    @Test
    void aTypeNoRuleNamesGoesToTheDomainDeclaringItOrToTheDefaultOne() {
        Forwarding forwarding = domains("forwarding.yaml").forwarding();

        assertThat(forwarding.rule("cart.ordered")).isEmpty();
        assertThat(forwarding.domainOf("cart.ordered").queue()).isEqualTo("biz.domain.shop");
        assertThat(forwarding.domainOf("customer.renamed").queue()).isEqualTo("biz.commands");
        assertThat(forwarding.domainOf("no.such-type").name()).isEqualTo(Domains.DEFAULT);
        assertThat(forwarding.domainOf(null).queue()).isEqualTo("biz.commands");
    }

    @Test
    void anExpressionThatFailsOnThePostedValuesNamesTheCommandAndTheRule() {
        Forwarding forwarding = domains("forwarding.yaml").forwarding();

        assertThatThrownBy(() -> forwarding.forward(object("""
                {"id": "f-4", "type": "bff.cart.order", "key": "o-1", "payload": {"contact": "c-7", "total": "lots"}}"""),
                "bff"))
                .isInstanceOf(Forwarding.ForwardingException.class)
                .hasMessageContaining("command f-4")
                .hasMessageContaining("bff.cart.order -> cart.ordered")
                .hasMessageContaining("payload.amount = decimal(payload.total)")
                .hasMessageNotContaining("lots");
    }

    @Test
    void badRulesAreRefusedAllAtOnceEachWithItsFileAndLine() {
        String file = FILES.resolve("bad-forwarding.yaml").toString();

        assertThatThrownBy(() -> domains("bad-forwarding.yaml"))
                .isInstanceOfSatisfying(InvalidDomainsException.class, e -> {
                    List<String> problems = e.problems();
                    assertThat(problems).hasSize(6);
                    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(file + ":4: ")
                            .contains("'contact.renamd' is a type of no domain's catalogue"));
                    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(file + ":8: ")
                            .contains("call to upper is not closed"));
                    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(file + ":9: ")
                            .contains("'contact.renamed' is a type of domain crm's catalogue"));
                    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(file + ":14: ")
                            .contains("'seq' is not known at the gateway"));
                    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(file + ":18: ")
                            .contains("'nickname' is not a payload field of contact.renamed"));
                    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(file + ":17: ")
                            .contains("leaves out 'name', which contact.renamed requires"));
                });
    }

    @Test
    void aMissingForwardingFileIsAProblemLikeAnyOther() {
        assertThatThrownBy(() -> domains("no-such-file.yaml"))
                .isInstanceOf(InvalidDomainsException.class)
                .hasMessageContaining("bizmaster.forwarding: " + FILES.resolve("no-such-file.yaml") + ": cannot be read");
    }

    private Domains domains(String forwardingFile) {
        Map<String, DomainsProperties.DomainProperties> named = new LinkedHashMap<>();
        named.put("crm", new DomainsProperties.DomainProperties(FILES.resolve("crm-catalog.yaml"), null));
        named.put("shop", new DomainsProperties.DomainProperties(FILES.resolve("shop-catalog.yaml"), null));
        DefinitionLoader loader = new DefinitionLoader();
        CommandCatalog defaultCatalog = new CommandCatalog(Path.of("commands/catalog.yaml"), loader);
        return new Domains(new DomainsProperties(named, FILES.resolve(forwardingFile)), Map.of(), defaultCatalog,
                new CommandParser(defaultCatalog, 65536), 65536, loader);
    }

    private ObjectNode object(String text) {
        return (ObjectNode) json.readTree(text);
    }
}
