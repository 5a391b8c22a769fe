package io.bizmaster.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bizmaster.command.CommandCatalog;
import io.bizmaster.command.CommandParser;
import io.bizmaster.definition.DefinitionLoader;
import io.bizmaster.store.StoreProperties;
import io.bizmaster.store.StoreRole;
import io.bizmaster.testing.TestApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The domains, publications and subscriptions are checked before anything runs, and every problem is said at once. */
class DomainsTest {

    @TempDir
    Path home;

    private final CommandCatalog defaultCatalog = new CommandCatalog(Path.of("commands/catalog.yaml"));

    private Domains domains(Map<String, DomainsProperties.DomainProperties> declared, Map<String, StoreProperties> stores) {
        return new Domains(new DomainsProperties(declared, null), stores, defaultCatalog,
                new CommandParser(defaultCatalog, 65_536), 65_536, new DefinitionLoader());
    }

    private Map<String, DomainsProperties.DomainProperties> crmAndShop() {
        ReadModelFiles.write(home);
        Map<String, DomainsProperties.DomainProperties> declared = new LinkedHashMap<>();
        for (String name : List.of("crm", "shop")) {
            declared.put(name, new DomainsProperties.DomainProperties(home.resolve("domains/" + name + "/catalog.yaml"),
                    home.resolve("domains/" + name + "/publications.yaml")));
        }
        return declared;
    }

    private static StoreProperties subscriber(StoreProperties.Subscribe... subscriptions) {
        return new StoreProperties(StoreRole.SHADOW, "backoffice@1", "jdbc", Map.of(), null, List.of(subscriptions));
    }

    private static StoreProperties.Subscribe to(String publication) {
        return new StoreProperties.Subscribe(publication, null, null);
    }

    @Test
    void theDefaultDomainAloneIsTodaysSetup() {
        Domains only = domains(Map.of(), Map.of("legacy", new StoreProperties(StoreRole.PRIMARY, "legacy@1", "jdbc", Map.of(),
                null, null)));
        assertThat(only.all()).extracting(Domain::name).containsExactly("default");
        assertThat(only.queues()).containsExactly("biz.commands");
        assertThat(only.feed("legacy")).isEqualTo(new StoreFeed.DomainFeed("default"));
        assertThat(only.owning("customer.registered")).map(Domain::name).contains("default");
    }

    @Test
    void aGoodSetupNamesEveryDomainItsQueueAndWhatEachStoreIsFed() {
        Domains good = domains(crmAndShop(), Map.of(
                "backoffice", subscriber(to("crm.customer@1"), new StoreProperties.Subscribe("shop.order@1",
                        List.of("shop.order.placed"), Map.of("channel", List.of("web")))),
                "crmstore", new StoreProperties(StoreRole.SHADOW, "crmstore@1", "jdbc", Map.of(), "crm", null)));
        assertThat(good.queues()).containsExactly("biz.commands", "biz.domain.crm", "biz.domain.shop");
        assertThat(good.owning("shop.order.cancelled")).map(Domain::name).contains("shop");
        assertThat(good.feed("crmstore")).isEqualTo(new StoreFeed.DomainFeed("crm"));
        StoreFeed.SubscriberFeed backoffice = (StoreFeed.SubscriberFeed) good.feed("backoffice");
        assertThat(backoffice.subscriptions()).extracting(s -> s.publication().publicName())
                .containsExactly("crm.customer@1", "shop.order@1");
    }

    @Test
    void badRulesAreRefusedAllAtOnceEachNamingWhereItIs() throws IOException {
        Map<String, DomainsProperties.DomainProperties> declared = crmAndShop();
        // A published field the catalogue lacks, a type it lacks, a store the rule names twice over.
        Files.writeString(home.resolve("domains/shop/publications.yaml"), """
                publications:
                  order@1:
                    types: [shop.order.placed, shop.order.refunded]
                    fields: [customerId, total, discount]
                    subscribers: [backoffice, storefront]
                """);
        // A domain declaring a type the default domain has.
        Files.writeString(home.resolve("domains/clash.yaml"), """
                types:
                  customer.renamed:
                    key: customer id
                    payload:
                      name: {type: string, required: true, maxLength: 100}
                """);
        declared.put("clash", new DomainsProperties.DomainProperties(home.resolve("domains/clash.yaml"), null));
        declared.put("Bad_Name", new DomainsProperties.DomainProperties(home.resolve("domains/clash.yaml"), null));
        Map<String, StoreProperties> stores = new LinkedHashMap<>();
        stores.put("storefront", subscriber(to("crm.customer@1"), new StoreProperties.Subscribe("shop.order@1",
                List.of("shop.order.shipped"), Map.of("note", List.of("x")))));
        stores.put("orphan", subscriber(to("hr.employee@1")));
        stores.put("lost", new StoreProperties(StoreRole.SHADOW, "crmstore@1", "jdbc", Map.of(), "billing", null));
        stores.put("both", new StoreProperties(StoreRole.SHADOW, "crmstore@1", "jdbc", Map.of(), "crm",
                List.of(to("crm.customer-card@1"))));
        stores.put("boss", new StoreProperties(StoreRole.PRIMARY, "backoffice@1", "jdbc", Map.of(), null,
                List.of(to("crm.customer-card@1"))));

        assertThatThrownBy(() -> domains(declared, stores))
                .isInstanceOfSatisfying(InvalidDomainsException.class, e -> {
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("publications.yaml:3", "shop.order.refunded",
                            "not in domain shop's catalogue"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("publications.yaml:4", "discount",
                            "declared by none of the published types"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("customer.renamed", "domain default",
                            "domain clash"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("'Bad_Name' is not a domain name"));
                    // The store front may not see what only the back office may.
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("bizmaster.stores.storefront.subscribe[0]",
                            "store 'storefront' may not see crm.customer@1", "publishes it to: backoffice"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("subscribe[1].types",
                            "shop.order.shipped is not published by shop.order@1"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("subscribe[1].where", "'note' is not published"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("bizmaster.stores.orphan", "no domain 'hr'"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("bizmaster.stores.lost.domain",
                            "no domain 'billing'"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("bizmaster.stores.both",
                            "both domain and subscribe"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("bizmaster.stores.boss",
                            "role primary is the default domain's"));
                });
    }

    @Test
    void theApplicationDoesNotStartWithBadRulesAndSaysWhy() {
        Map<String, DomainsProperties.DomainProperties> declared = crmAndShop();
        Throwable failure = null;
        try (var ignored = TestApplication.inFolder(home.resolve("data"))
                .with("bizmaster.domains.crm.catalog", declared.get("crm").catalog())
                .with("bizmaster.domains.crm.publications", declared.get("crm").publications())
                .with("bizmaster.stores.storefront.role", "shadow")
                .with("bizmaster.stores.storefront.converter", "legacy@1")
                .with("bizmaster.stores.storefront.options.url", "jdbc:h2:file:" + home.resolve("stores/storefront"))
                .with("bizmaster.stores.storefront.subscribe[0].publication", "crm.customer@1")
                .start()) {
            // started: the assertion below fails
        } catch (RuntimeException e) {
            failure = e;
        }
        assertThat(failure).as("start-up refused").isNotNull();
        Throwable cause = failure;
        while (cause != null && !(cause instanceof InvalidDomainsException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as(String.valueOf(failure)).isInstanceOf(InvalidDomainsException.class);
        assertThat(cause.getMessage()).contains("store 'storefront' may not see crm.customer@1");
    }
}
