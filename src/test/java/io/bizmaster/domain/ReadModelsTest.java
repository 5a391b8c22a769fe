package io.bizmaster.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.command.SequencedCommand;
import io.bizmaster.convert.BConverter;
import io.bizmaster.store.ConverterRef;
import io.bizmaster.store.StoreRole;
import io.bizmaster.convert.StoreSession;
import io.bizmaster.log.CommandStatus;
import io.bizmaster.log.LogEntry;
import io.bizmaster.testing.AppCenter;
import io.bizmaster.testing.ApplicationFolder;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Cli;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.RunningApplication;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Read models from two services (issue 18): a CRM domain and a shop domain, each with its own intake queue, numbering
 * and store, and three subscriber stores: a back office that sees customers' emails and streets, a store front that
 * sees names, cities and web orders only, and a probe whose Java converter records what it is given.
 */
@Import(ReadModelsTest.ProbeConfiguration.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadModelsTest extends RunningApplication {

    private static final ApplicationFolder FOLDER = ApplicationFolder.create("bizmaster-read-models");

    @DynamicPropertySource
    static void twoDomains(DynamicPropertyRegistry registry) {
        FOLDER.register(registry);
        Path home = FOLDER.data();
        ReadModelFiles.write(home);
        registry.add("bizmaster.converters-dir", () -> home.resolve("converters").toString());
        for (String domain : List.of("crm", "shop")) {
            registry.add("bizmaster.domains." + domain + ".catalog", () -> home.resolve("domains/" + domain + "/catalog.yaml").toString());
            registry.add("bizmaster.domains." + domain + ".publications",
                    () -> home.resolve("domains/" + domain + "/publications.yaml").toString());
        }
        store(registry, "crmstore", "crmstore@1");
        registry.add("bizmaster.stores.crmstore.domain", () -> "crm");
        store(registry, "shopstore", "shopstore@1");
        registry.add("bizmaster.stores.shopstore.domain", () -> "shop");
        store(registry, "backoffice", "backoffice@1");
        registry.add("bizmaster.stores.backoffice.subscribe[0].publication", () -> "crm.customer@1");
        registry.add("bizmaster.stores.backoffice.subscribe[1].publication", () -> "shop.order@1");
        store(registry, "storefront", "storefront@1");
        registry.add("bizmaster.stores.storefront.subscribe[0].publication", () -> "crm.customer-card@1");
        registry.add("bizmaster.stores.storefront.subscribe[1].publication", () -> "shop.order@1");
        registry.add("bizmaster.stores.storefront.subscribe[1].types[0]", () -> "shop.order.placed");
        registry.add("bizmaster.stores.storefront.subscribe[1].where.channel[0]", () -> "web");
        // The back office's next home, detached until a migration attaches it.
        store(registry, "backoffice2", "backoffice@1");
        registry.add("bizmaster.stores.backoffice2.role", () -> "detached");
        registry.add("bizmaster.stores.backoffice2.subscribe[0].publication", () -> "shop.order@1");
        registry.add("bizmaster.stores.backoffice2.subscribe[1].publication", () -> "crm.customer@1");
        store(registry, "probe", "probe@1");
        registry.add("bizmaster.stores.probe.subscribe[0].publication", () -> "crm.customer-card@1");
    }

    private static void store(DynamicPropertyRegistry registry, String name, String converter) {
        registry.add("bizmaster.stores." + name + ".role", () -> "shadow");
        registry.add("bizmaster.stores." + name + ".converter", () -> converter);
        registry.add("bizmaster.stores." + name + ".options.url", () -> "jdbc:h2:file:" + FOLDER.data().resolve("stores/" + name));
        registry.add("bizmaster.stores." + name + ".options.username", () -> "sa");
    }

    /** A subscriber's Java converter that keeps what it is given and writes nothing. */
    static final class Probe implements BConverter {
        final List<SequencedCommand> given = new CopyOnWriteArrayList<>();

        @Override
        public ConverterRef ref() {
            return ConverterRef.parse("probe@1");
        }

        @Override
        public boolean handles(String commandType) {
            return commandType.startsWith("crm.") || commandType.startsWith("shop.");
        }

        @Override
        public void apply(SequencedCommand command, StoreSession session) {
            given.add(command);
        }
    }

    static class ProbeConfiguration {
        @Bean
        Probe probe() {
            return new Probe();
        }
    }

    @Autowired
    Probe probe;

    private void send(String queue, String... commands) throws Exception {
        try (Connection connection = AppCenter.core(FOLDER.brokerPort()).createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            for (String command : commands) {
                producer.send(session.createTextMessage(command));
            }
            session.commit();
        }
    }

    private static String registered(String id, String key, String name, String email, String street, String city) {
        return "{\"id\":\"" + id + "\",\"type\":\"crm.customer.registered\",\"key\":\"" + key + "\",\"source\":\"crm-app\","
                + "\"payload\":{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"address\":{\"street\":\"" + street
                + "\",\"city\":\"" + city + "\"}}}";
    }

    private static String renamed(String id, String key, String name) {
        return "{\"id\":\"" + id + "\",\"type\":\"crm.customer.renamed\",\"key\":\"" + key + "\",\"payload\":{\"name\":\""
                + name + "\"}}";
    }

    private static String placed(String id, String key, String customer, String total, String channel, String note) {
        return "{\"id\":\"" + id + "\",\"type\":\"shop.order.placed\",\"key\":\"" + key + "\",\"source\":\"shop-app\","
                + "\"payload\":{\"customerId\":\"" + customer + "\",\"total\":" + total + ",\"channel\":\"" + channel
                + "\",\"note\":\"" + note + "\"}}";
    }

    private static String cancelled(String id, String key) {
        return "{\"id\":\"" + id + "\",\"type\":\"shop.order.cancelled\",\"key\":\"" + key + "\",\"payload\":{\"reason\":\"late\"}}";
    }

    /** Customers and orders, a renaming, a cancellation, a command each domain rejects and one sent to the wrong one. */
    private long postTheStream() throws Exception {
        long before = log.head();
        send("biz.domain.crm",
                registered("c-1", "C1", "Ada Lovelace", "ada@example.com", "12 St James Sq", "London"),
                registered("c-2", "C2", "Alan Turing", "alan@example.com", "1 Bletchley Park", "Milton Keynes"),
                renamed("c-3", "C1", "Ada King"),
                // A shop command posted to the CRM's queue: not in its catalogue, so rejected there.
                placed("c-4", "O9", "C1", "1.00", "web", "wrong queue"),
                registered("c-5", "C3", "Grace Hopper", "grace@example.com", "1 Navy Yard", "Arlington"));
        send("biz.domain.shop",
                placed("s-1", "O1", "C1", "12.50", "web", "leave at the door"),
                placed("s-2", "O2", "C2", "99.99", "store", "gift wrap"),
                placed("s-3", "O3", "C1", "5.00", "web", "secret"),
                cancelled("s-4", "O3"),
                "{\"id\":\"s-5\",\"type\":\"shop.order.placed\",\"key\":\"O4\",\"payload\":{\"customerId\":\"C3\"}}");
        long head = before + 10;
        awaitApplied(head, Duration.ofMinutes(2));
        return before;
    }

    @Test
    @Order(1)
    void eachDomainLogsItsOwnCommandsWithItsOwnNumberingAndFeedsOnlyItsOwnStore() throws Exception {
        long before = postTheStream();
        List<LogEntry> logged = log.readAfter(before, 100);
        assertThat(logged).hasSize(10);
        List<LogEntry> crm = logged.stream().filter(e -> "crm".equals(e.domain())).toList();
        List<LogEntry> shop = logged.stream().filter(e -> "shop".equals(e.domain())).toList();
        assertThat(crm).extracting(LogEntry::commandId).containsExactly("c-1", "c-2", "c-3", "c-4", "c-5");
        assertThat(shop).extracting(LogEntry::commandId).containsExactly("s-1", "s-2", "s-3", "s-4", "s-5");
        // Each domain numbers its own commands densely, beside the log's seq.
        assertThat(crm).extracting(LogEntry::domainSeq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(shop).extracting(LogEntry::domainSeq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(log.domainHeads()).containsEntry("crm", 5L).containsEntry("shop", 5L);
        assertThat(crm.get(3).status()).isEqualTo(CommandStatus.REJECTED);
        assertThat(crm.get(3).reason()).contains("shop.order.placed");
        assertThat(shop.get(4).status()).isEqualTo(CommandStatus.REJECTED);

        assertThat(DemoStores.rows(store("crmstore"), "SELECT id, name, email, street, city FROM customers"))
                .containsOnlyKeys("C1", "C2", "C3")
                .containsEntry("C1", List.of("Ada King", "ada@example.com", "12 St James Sq", "London"));
        assertThat(DemoStores.rows(store("shopstore"), "SELECT id, status, note FROM orders"))
                .containsOnlyKeys("O1", "O2", "O3")
                .containsEntry("O3", List.of("CANCELLED", "secret"));
        // The default domain's stores get nothing of either domain.
        assertThat(DemoStores.rows(store("legacy"), "SELECT ID, NAME FROM CUSTOMER WHERE ID IN ('C1', 'C2', 'C3')")).isEmpty();
    }

    @Test
    @Order(2)
    void anUnpublishedFieldNeverReachesASubscriber() {
        // The probe's converter was given each customer command with only what customer-card@1 publishes.
        assertThat(probe.given).extracting(g -> g.command().id()).containsExactly("c-1", "c-2", "c-3", "c-5");
        for (SequencedCommand given : probe.given) {
            JsonNode payload = given.command().payload();
            assertThat(payload.propertyNames()).isSubsetOf("name", "address");
            assertThat(payload.toString()).doesNotContain("@example.com", "St James", "Bletchley");
            if (payload.has("address")) {
                assertThat(payload.get("address").propertyNames()).containsExactly("city");
            }
        }
        // The store front's converter writes the email and the back office's the note; neither was published to them.
        assertThat(DemoStores.rows(store("storefront"), "SELECT id, name, city, email FROM customers"))
                .containsEntry("C1", java.util.Arrays.asList("Ada King", "London", null))
                .containsEntry("C2", java.util.Arrays.asList("Alan Turing", "Milton Keynes", null));
        assertThat(DemoStores.rows(store("backoffice"), "SELECT id, note, channel, status FROM orders"))
                .containsEntry("O1", java.util.Arrays.asList(null, "web", "PLACED"))
                .containsEntry("O2", java.util.Arrays.asList(null, "store", "PLACED"))
                .containsEntry("O3", java.util.Arrays.asList(null, "web", "CANCELLED"));
        // The back office may see emails and streets; the join of its two sources reads as one model.
        assertThat(DemoStores.rows(store("backoffice"), "SELECT order_id, name, city, total FROM customer_orders"))
                .containsEntry("O1", List.of("Ada King", "London", new java.math.BigDecimal("12.50")));
        assertThat(DemoStores.rows(store("backoffice"), "SELECT id, email, street FROM customers"))
                .containsEntry("C1", List.of("ada@example.com", "12 St James Sq"));
        // Only web orders, only placements, reach the store front.
        assertThat(DemoStores.rows(store("storefront"), "SELECT id, total FROM orders")).containsOnlyKeys("O1", "O3");
    }

    @Test
    @Order(3)
    void theBackOfficeVerifiesEqualAgainstItsSourcesAndAPlantedDifferenceIsFound() throws Exception {
        JsonNode customers = api().verify("crmstore", "backoffice");
        assertThat(customers.path("outcome").asString()).as(customers.toString()).isEqualTo("EQUAL");
        assertThat(customers.path("matched").asLong()).isEqualTo(3);
        JsonNode orders = api().verify("shopstore", "backoffice");
        assertThat(orders.path("outcome").asString()).as(orders.toString()).isEqualTo("EQUAL");
        assertThat(orders.path("matched").asLong()).isEqualTo(3);

        try (var c = store("backoffice").getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE customers SET city = 'Paris' WHERE id = 'C2'");
        }
        JsonNode planted = api().verify("crmstore", "backoffice");
        assertThat(planted.path("outcome").asString()).as(planted.toString()).isEqualTo("DIFFERENT");
        assertThat(planted.path("differences").toString()).contains("C2", "Paris", "Milton Keynes");
        try (var c = store("backoffice").getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE customers SET city = 'Milton Keynes' WHERE id = 'C2'");
        }
    }

    @Test
    @Order(4)
    void aSubscriberRebuiltFromTheLogsOfTwoDomainsEqualsTheLiveOne() throws Exception {
        Map<String, List<Object>> customers = DemoStores.rows(store("backoffice"), "SELECT id, name, email, street, city FROM customers");
        Map<String, List<Object>> orders = DemoStores.rows(store("backoffice"), "SELECT id, customer_id, total, channel, note, status FROM orders");
        assertThat(customers).hasSize(3);
        assertThat(orders).hasSize(3);

        assertThat(api().post("/api/stores/backoffice/replay", "{\"from\": 0}").getStatus().value()).isEqualTo(202);
        JsonNode[] last = new JsonNode[1];
        Eventually.await("the replay of backoffice", Duration.ofMinutes(2), () -> {
            last[0] = api().getJson("/api/stores/backoffice/replay");
            return last[0].path("phase").asString().matches("DONE|FAILED");
        }, () -> String.valueOf(last[0]));
        assertThat(last[0].path("phase").asString()).as(last[0].toString()).isEqualTo("DONE");
        awaitApplied(log.head(), Duration.ofMinutes(1));

        assertThat(DemoStores.rows(store("backoffice"), "SELECT id, name, email, street, city FROM customers"))
                .isEqualTo(customers);
        assertThat(DemoStores.rows(store("backoffice"), "SELECT id, customer_id, total, channel, note, status FROM orders"))
                .isEqualTo(orders);
        JsonNode verified = api().verify("crmstore", "backoffice");
        assertThat(verified.path("outcome").asString()).as(verified.toString()).isEqualTo("EQUAL");
    }

    @Test
    @Order(5)
    void anOperatorSeesTheDomainsTheirHeadsPublicationsAndSubscribersThroughTheApiAndTheCli() {
        JsonNode answer = api().getJson("/api/domains");
        assertThat(answer.path("domains")).extracting(d -> d.path("name").asString()).containsExactly("default", "crm", "shop");
        JsonNode crm = answer.path("domains").get(1);
        assertThat(crm.path("queue").asString()).isEqualTo("biz.domain.crm");
        assertThat(crm.path("head").asLong()).isEqualTo(log.domainHeads().get("crm")).isGreaterThanOrEqualTo(5);
        assertThat(crm.path("stores")).extracting(JsonNode::asString).containsExactly("crmstore");
        assertThat(crm.path("publications")).extracting(p -> p.path("name").asString())
                .containsExactly("crm.customer-card@1", "crm.customer@1");
        assertThat(crm.path("publications").get(0).path("fields")).extracting(JsonNode::asString)
                .containsExactly("name", "address.city");
        assertThat(answer.path("domains").get(0).path("stores")).extracting(JsonNode::asString).contains("legacy", "modern");
        assertThat(answer.path("subscribers")).extracting(p -> p.path("store").asString())
                .containsExactly("backoffice", "backoffice2", "probe", "storefront");
        JsonNode storefront = answer.path("subscribers").get(3).path("subscriptions").get(1);
        assertThat(storefront.path("publication").asString()).isEqualTo("shop.order@1");
        assertThat(storefront.path("types")).extracting(JsonNode::asString).containsExactly("shop.order.placed");
        assertThat(storefront.path("where").path("channel")).extracting(JsonNode::asString).containsExactly("web");

        // What became of a command in each store: withheld where it is not handed over, whichever the reason.
        Map<String, String> customer = outcomes("c-1");
        assertThat(customer).containsEntry("crmstore", "APPLIED").containsEntry("backoffice", "APPLIED")
                .containsEntry("storefront", "APPLIED").containsEntry("shopstore", "WITHHELD").containsEntry("legacy", "WITHHELD");
        Map<String, String> inStore = outcomes("s-2");
        assertThat(inStore).containsEntry("shopstore", "APPLIED").containsEntry("backoffice", "APPLIED")
                .containsEntry("storefront", "WITHHELD").containsEntry("probe", "WITHHELD").containsEntry("crmstore", "WITHHELD");
        assertThat(outcomes("c-4")).containsEntry("crmstore", "SKIPPED").containsEntry("shopstore", "WITHHELD");

        Cli.Run cli = Cli.run("domains", "--url", "http://127.0.0.1:" + environment.getProperty("local.server.port"),
                "--credentials", credentialsFile());
        assertThat(cli.code()).as(cli.verbErr()).isZero();
        assertThat(cli.verbOut())
                .containsPattern("crm\\s+biz\\.domain\\.crm\\s+" + String.format("%,d", log.domainHeads().get("crm"))
                        + "\\s+2\\s+crmstore")
                .contains("publication shop.order@1: shop.order.cancelled, shop.order.placed (fields customerId, total, channel) "
                        + "to backoffice, backoffice2, storefront")
                .contains("subscriber storefront: crm.customer-card@1; shop.order@1 types shop.order.placed where channel in web");
    }

    @Test
    @Order(6)
    void aMigrationsTargetMustBeHandedWhatItsSourceIs() {
        String[][] refusals = {
            {"backoffice", "legacy", "store 'legacy' is fed domain default's commands and store 'backoffice' subscriptions to "
                    + "crm.customer@1, shop.order@1"},
            {"crmstore", "backoffice2", "store 'backoffice2' is fed subscriptions to shop.order@1, crm.customer@1 and store "
                    + "'crmstore' domain crm's commands"}};
        for (String[] refusal : refusals) {
            var refused = api().post("/api/migrations", "{\"id\": \"to-" + refusal[1] + "\", \"source\": \"" + refusal[0]
                    + "\", \"target\": \"" + refusal[1] + "\", \"backfill\": \"replay\"}");
            assertThat(refused.getStatus().value()).as(refused.getResponseBody()).isEqualTo(400);
            assertThat(refused.getResponseBody()).contains(refusal[2], "declare it with the same domain or subscriptions");
        }
        assertThat(api().getJson("/api/migrations").toString()).doesNotContain("to-legacy", "to-backoffice2");
    }

    @Test
    @Order(7)
    void aReadModelMovesToANewStoreByAMigrationBackfilledVerifiedAndCutOverWithNoPrimaryInvolved() throws Exception {
        Map<String, List<Object>> customers = DemoStores.rows(store("backoffice"), "SELECT id, name, email, street, city FROM customers");
        api().postOk("/api/migrations", "{\"id\": \"backoffice-move\", \"source\": \"backoffice\", \"target\": "
                + "\"backoffice2\", \"backfill\": \"replay\", \"max-freeze-ms\": 5000}", 201);
        JsonNode[] status = new JsonNode[1];
        Eventually.await("backoffice-move READY", Duration.ofMinutes(2), () -> {
            status[0] = api().getJson("/api/migrations/backoffice-move");
            return status[0].path("phase").asString().matches("READY|FAILED");
        }, () -> String.valueOf(status[0]));
        assertThat(status[0].path("phase").asString()).as(status[0].toString()).isEqualTo("READY");
        assertThat(status[0].path("verification").asString()).contains("EQUAL");

        JsonNode cut = api().postOk("/api/migrations/backoffice-move/cutover", "{}", 200);
        assertThat(cut.path("phase").asString()).as(cut.toString()).isEqualTo("CUT_OVER");
        assertThat(cut.path("message").asString()).contains("'backoffice2' takes over as a fed shadow");
        assertThat(stores.get("backoffice2").role()).isEqualTo(StoreRole.SHADOW);
        assertThat(stores.get("backoffice").role()).isEqualTo(StoreRole.SHADOW);
        assertThat(stores.get("legacy").role()).as("the default domain's primary is untouched").isEqualTo(StoreRole.PRIMARY);
        JsonNode completed = api().postOk("/api/migrations/backoffice-move/complete", "{}", 200);
        assertThat(completed.path("phase").asString()).isEqualTo("COMPLETED");
        assertThat(stores.get("backoffice").role()).isEqualTo(StoreRole.DETACHED);

        // The new read model goes on alone: the old one's rows, and what comes after, with only the published fields.
        long before = log.head();
        send("biz.domain.crm", renamed("c-6", "C3", "Grace Brewster Hopper"));
        awaitApplied(before + 1, Duration.ofMinutes(1));
        customers.put("C3", java.util.Arrays.asList("Grace Brewster Hopper", "grace@example.com", "1 Navy Yard", "Arlington"));
        assertThat(DemoStores.rows(store("backoffice2"), "SELECT id, name, email, street, city FROM customers")).isEqualTo(customers);
        assertThat(DemoStores.rows(store("backoffice2"), "SELECT id, note FROM orders").values())
                .allSatisfy(row -> assertThat(row.get(0)).isNull());
        JsonNode verified = api().verify("crmstore", "backoffice2");
        assertThat(verified.path("outcome").asString()).as(verified.toString()).isEqualTo("EQUAL");
    }

    private Map<String, String> outcomes(String id) {
        Map<String, String> states = new java.util.TreeMap<>();
        for (JsonNode store : api().getJson("/api/commands/" + id).path("logged").get(0).path("stores")) {
            states.put(store.path("store").asString(), store.path("state").asString());
        }
        return states;
    }
}
