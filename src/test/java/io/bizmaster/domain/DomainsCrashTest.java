package io.bizmaster.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.OutgoingCommand;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.CommandStatus;
import io.bizmaster.log.LogEntry;
import io.bizmaster.testing.AppCenter;
import io.bizmaster.testing.ChildApplication;
import io.bizmaster.testing.DemoStores;
import io.bizmaster.testing.Eventually;
import io.bizmaster.testing.LoadGenerator;
import io.bizmaster.testing.LogChecks;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two command domains (crm, shop) under a steady load posted to their own intake queues, the application killed with
 * SIGKILL three times while it runs: each domain keeps every posted command once, its own dense numbering beside the
 * log's, each key's commands in the order they were posted, and its store and a subscriber fed from both domains
 * end equal to a model of the posted stream, the subscriber with only what the domains publish.
 */
class DomainsCrashTest {

    private static final Path LOG = Path.of("target", "domains-crash-test-app.log");
    private static final int COMMANDS = 3_000;
    private static final int PER_SECOND = 75;
    private static final int KILLS = 3;

    @TempDir
    Path data;

    @Test
    void killedUnderLoadEachDomainKeepsEveryCommandOnceInOrderAndItsStoresEqualTheModel() throws Exception {
        ReadModelFiles.write(data);
        writeDomainStoresThatCatchForeignCommands(data.resolve("converters"));
        ChildApplication child = new ChildApplication(data, LOG, settings());
        Posted posted = Posted.generate(COMMANDS, 18);

        Process[] app = {child.start()};
        try (ActiveMQConnectionFactory factory = AppCenter.core(child.brokerPort());
             LoadGenerator load = new LoadGenerator(posted.commands(), PER_SECOND)) {
            load.start(new CommandPoster(factory));
            long logged = 0;
            for (int kill = 1; kill <= KILLS; kill++) {
                // Killed while commands are being posted, once the application has logged some since it (re)started.
                long posts = (long) kill * load.total() / (KILLS + 2);
                long since = logged;
                Eventually.await(posts + " commands posted and the log past " + (since + 100) + " before SIGKILL " + kill,
                        Duration.ofMinutes(3), () -> load.posted() >= posts && child.head() >= since + 100,
                        () -> "posted " + load.posted() + ", head " + child.head() + ", " + load.lastPostFailure());
                logged = child.head();
                app[0].destroyForcibly().waitFor();
                System.out.printf("SIGKILL %d at log head %d, %d of %d commands posted%n", kill, logged, load.posted(),
                        load.total());
                app[0] = child.start();
            }
            load.awaitDone(Duration.ofMinutes(3));
            // At least every command logged (more would be a duplicate or a rejection, found below) and every store there.
            Eventually.await("every command logged and applied by every store", Duration.ofMinutes(3),
                    () -> caughtUp(child.stores(), COMMANDS), () -> String.valueOf(child.stores()));
        } finally {
            stop(app[0]);
        }

        CommandLog log = new CommandLog(child.h2("bizmaster"));
        List<LogEntry> entries = LogChecks.all(log);
        assertEveryCommandLoggedOnceInItsDomain(entries, posted);
        assertDenseNumberingAndPostedOrder(entries, posted);
        // The heads the next command of each domain is numbered from.
        assertThat(log.domainHeads()).isEqualTo(posted.perDomain());

        Model model = Model.of(posted);
        assertThat(DemoStores.rows(child.h2("stores/crmstore"), "SELECT id, name, email, street, city, last_cmd FROM customers"))
                .isEqualTo(model.customers(false));
        assertThat(DemoStores.rows(child.h2("stores/shopstore"),
                "SELECT id, customer_id, total, channel, note, status, last_cmd FROM orders")).isEqualTo(model.orders(false));
        // A store of one domain handed a command of the other would have written it here.
        assertThat(DemoStores.rows(child.h2("stores/crmstore"), "SELECT id, type FROM foreign_commands")).isEmpty();
        assertThat(DemoStores.rows(child.h2("stores/shopstore"), "SELECT id, type FROM foreign_commands")).isEmpty();
        // The subscriber's converter writes emails, streets and notes: none of them is published to it.
        assertThat(DemoStores.rows(child.h2("stores/backoffice"), "SELECT id, name, email, street, city, last_cmd FROM customers"))
                .isEqualTo(model.customers(true));
        assertThat(DemoStores.rows(child.h2("stores/backoffice"),
                "SELECT id, customer_id, total, channel, note, status, last_cmd FROM orders")).isEqualTo(model.orders(true));
        // The default domain's stores get nothing of either domain.
        assertThat(DemoStores.rows(child.h2("stores/legacy"), "SELECT ID, NAME FROM CUSTOMER")).isEmpty();
        assertThat(DemoStores.rows(child.h2("stores/legacy"), "SELECT * FROM ORDERS")).isEmpty();
        assertThat(DemoStores.rows(child.h2("stores/modern"), "SELECT id, first_name FROM customers")).isEmpty();
        assertThat(DemoStores.rows(child.h2("stores/modern"), "SELECT * FROM orders")).isEmpty();
    }

    private List<String> settings() {
        List<String> settings = new ArrayList<>(List.of("--bizmaster.converters-dir=" + data.resolve("converters")));
        for (String domain : List.of("crm", "shop")) {
            settings.add("--bizmaster.domains." + domain + ".catalog=" + data.resolve("domains/" + domain + "/catalog.yaml"));
            settings.add("--bizmaster.domains." + domain + ".publications="
                    + data.resolve("domains/" + domain + "/publications.yaml"));
        }
        store(settings, "crmstore");
        settings.add("--bizmaster.stores.crmstore.domain=crm");
        store(settings, "shopstore");
        settings.add("--bizmaster.stores.shopstore.domain=shop");
        store(settings, "backoffice");
        settings.add("--bizmaster.stores.backoffice.subscribe[0].publication=crm.customer-card@1");
        settings.add("--bizmaster.stores.backoffice.subscribe[1].publication=shop.order@1");
        return settings;
    }

    private void store(List<String> settings, String name) {
        settings.add("--bizmaster.stores." + name + ".role=shadow");
        settings.add("--bizmaster.stores." + name + ".converter=" + name + "@1");
        settings.add("--bizmaster.stores." + name + ".options.url=jdbc:h2:file:" + data.resolve("stores/" + name)
                + ";WRITE_DELAY=0");
        settings.add("--bizmaster.stores." + name + ".options.username=sa");
    }

    private static boolean caughtUp(JsonNode stores, long atLeast) {
        if (stores == null || stores.size() < 5) {
            return false; // not answering, or not every store (legacy, modern, crmstore, shopstore, backoffice) reported
        }
        boolean caughtUp = true;
        for (JsonNode store : stores) {
            long head = store.path("head").asLong();
            caughtUp &= head >= atLeast && store.path("checkpoint").asLong() == head;
        }
        return caughtUp;
    }

    /** Stopped as an operator would, so its H2 files can be opened here; killed if it does not stop. */
    private static void stop(Process app) throws InterruptedException {
        app.destroy();
        if (!app.waitFor(60, TimeUnit.SECONDS)) {
            app.destroyForcibly().waitFor();
        }
    }

    private static void assertEveryCommandLoggedOnceInItsDomain(List<LogEntry> entries, Posted posted) {
        assertThat(entries).filteredOn(e -> e.status() != CommandStatus.ACCEPTED)
                .as("entries not accepted").extracting(e -> e.commandId() + ": " + e.reason()).isEmpty();
        Set<String> ids = new HashSet<>();
        for (LogEntry e : entries) {
            assertThat(ids.add(e.commandId())).as("command %s logged once (seq %s)", e.commandId(), e.seq()).isTrue();
            assertThat(e.domain()).as("domain of command %s (seq %s)", e.commandId(), e.seq())
                    .isEqualTo(posted.domainOf(e.commandId()));
        }
        assertThat(ids).containsExactlyInAnyOrderElementsOf(posted.ids());
        Map<String, Long> perDomain = entries.stream().collect(Collectors.groupingBy(LogEntry::domain, TreeMap::new,
                Collectors.counting()));
        assertThat(perDomain).isEqualTo(posted.perDomain());
    }

    private static void assertDenseNumberingAndPostedOrder(List<LogEntry> entries, Posted posted) {
        for (int i = 0; i < entries.size(); i++) {
            assertThat(entries.get(i).seq()).as("the log's seq is dense").isEqualTo(i + 1);
        }
        for (String domain : List.of("crm", "shop")) {
            List<LogEntry> ofDomain = entries.stream().filter(e -> domain.equals(e.domain())).toList();
            Map<String, Integer> lastByKey = new HashMap<>();
            for (int i = 0; i < ofDomain.size(); i++) {
                LogEntry e = ofDomain.get(i);
                assertThat(e.domainSeq()).as("domain %s numbers command %s (seq %s) densely, in seq order", domain,
                        e.commandId(), e.seq()).isEqualTo(i + 1L);
                int index = posted.indexOf(e.commandId());
                Integer before = lastByKey.put(e.key(), index);
                assertThat(before == null || before < index).as("domain %s, key %s: command %s (domain_seq %s) logged after "
                        + "a command posted later", domain, e.key(), e.commandId(), e.domainSeq()).isTrue();
            }
        }
    }

    /**
     * The domain stores of ReadModelFiles, each keeping the id of the last command that wrote a row (so the order
     * of a key's commands shows in the end state) and catching any command of the other domain in a table.
     */
    private static void writeDomainStoresThatCatchForeignCommands(Path converters) throws IOException {
        Files.writeString(converters.resolve("crmstore/v1.yaml"), """
                converter: crmstore
                version: 1
                on:
                  crm.customer.registered:
                    - upsert: customers
                      key: {id: key}
                      set: {name: payload.name, email: payload.email, street: payload.address.street,
                            city: payload.address.city, last_cmd: id}
                  crm.customer.renamed:
                    - update: customers
                      key: {id: key}
                      set: {name: payload.name, last_cmd: id}
                  shop.order.placed:
                    - insert: foreign_commands
                      key: {id: id}
                      set: {type: type}
                  shop.order.cancelled:
                    - insert: foreign_commands
                      key: {id: id}
                      set: {type: type}
                """);
        Files.writeString(converters.resolve("crmstore/schema/V2__last_and_foreign.sql"), """
                ALTER TABLE customers ADD COLUMN last_cmd VARCHAR(200);
                CREATE TABLE foreign_commands (id VARCHAR(200) PRIMARY KEY, type VARCHAR(100));
                """);
        Files.writeString(converters.resolve("shopstore/v1.yaml"), """
                converter: shopstore
                version: 1
                on:
                  shop.order.placed:
                    - insert: orders
                      key: {id: key}
                      set: {customer_id: payload.customerId, total: decimal(payload.total), channel: payload.channel,
                            note: payload.note, status: 'PLACED', last_cmd: id}
                  shop.order.cancelled:
                    - update: orders
                      key: {id: key}
                      set: {status: 'CANCELLED', last_cmd: id}
                  crm.customer.registered:
                    - insert: foreign_commands
                      key: {id: id}
                      set: {type: type}
                  crm.customer.renamed:
                    - insert: foreign_commands
                      key: {id: id}
                      set: {type: type}
                """);
        Files.writeString(converters.resolve("shopstore/schema/V2__last_and_foreign.sql"), """
                ALTER TABLE orders ADD COLUMN last_cmd VARCHAR(200);
                CREATE TABLE foreign_commands (id VARCHAR(200) PRIMARY KEY, type VARCHAR(100));
                """);
        Files.writeString(converters.resolve("backoffice/v1.yaml"), """
                converter: backoffice
                version: 1
                on:
                  crm.customer.registered:
                    - upsert: customers
                      key: {id: key}
                      set: {name: payload.name, email: payload.email, street: payload.address.street,
                            city: payload.address.city, last_cmd: id}
                  crm.customer.renamed:
                    - update: customers
                      key: {id: key}
                      set: {name: payload.name, last_cmd: id}
                  shop.order.placed:
                    - insert: orders
                      key: {id: key}
                      set: {customer_id: payload.customerId, total: decimal(payload.total), channel: payload.channel,
                            note: payload.note, status: 'PLACED', last_cmd: id}
                  shop.order.cancelled:
                    - update: orders
                      key: {id: key}
                      set: {status: 'CANCELLED', last_cmd: id}
                """);
        Files.writeString(converters.resolve("backoffice/schema/V2__last.sql"), """
                ALTER TABLE customers ADD COLUMN last_cmd VARCHAR(200);
                ALTER TABLE orders ADD COLUMN last_cmd VARCHAR(200);
                """);
    }

    /**
     * The stream posted: customers registered then renamed again and again (the last name wins only if the order held),
     * orders placed and some cancelled, interleaved at random between the two domains' queues; one command in 25 sent
     * a second time a little later.
     */
    private record Posted(List<OutgoingCommand> commands, List<Map<String, String>> fields) {

        private static final int RESENT_AFTER = 40;
        private static final int RESENT_EVERY = 25;

        static Posted generate(int count, long seed) {
            Random random = new Random(seed);
            List<OutgoingCommand> commands = new ArrayList<>();
            List<Map<String, String>> fields = new ArrayList<>();
            Set<String> registered = new HashSet<>();
            List<String> open = new ArrayList<>();
            int orders = 0;
            for (int i = 0; i < count; i++) {
                String id = "dc-" + i;
                Map<String, String> f = new LinkedHashMap<>();
                f.put("id", id);
                if (random.nextBoolean()) {
                    String key = "C" + random.nextInt(40);
                    f.put("key", key);
                    f.put("name", "name " + i);
                    if (registered.add(key)) {
                        f.put("type", "crm.customer.registered");
                        f.put("email", key.toLowerCase() + "@example.com");
                        f.put("street", i + " Main St");
                        f.put("city", "City " + random.nextInt(10));
                    } else {
                        f.put("type", "crm.customer.renamed");
                    }
                } else if (open.isEmpty() || random.nextInt(3) > 0) {
                    String key = "O" + orders++;
                    open.add(key);
                    f.put("key", key);
                    f.put("type", "shop.order.placed");
                    f.put("customerId", "C" + random.nextInt(40));
                    f.put("total", new BigDecimal(random.nextInt(100_000)).movePointLeft(2).toPlainString());
                    f.put("channel", random.nextBoolean() ? "web" : "store");
                    f.put("note", "note " + i);
                } else {
                    f.put("key", open.remove(random.nextInt(open.size())));
                    f.put("type", "shop.order.cancelled");
                }
                fields.add(f);
                commands.add(outgoing(f, json(f)));
                // A sender that lost the answer to an earlier post sends a command again, serialised afresh: other
                // bytes, so the broker's duplicate detection lets it through and the log must know it by its id.
                if (i >= RESENT_AFTER && (i - RESENT_AFTER) % RESENT_EVERY == 0) {
                    Map<String, String> again = fields.get(i - RESENT_AFTER);
                    commands.add(outgoing(again, "{ " + json(again).substring(1)));
                }
            }
            return new Posted(commands, fields);
        }

        private static OutgoingCommand outgoing(Map<String, String> f, String json) {
            return new OutgoingCommand(json.getBytes(StandardCharsets.UTF_8), f.get("id"), f.get("key"), f.get("type"),
                    "biz.domain." + domain(f));
        }

        private static String domain(Map<String, String> f) {
            return f.get("type").substring(0, f.get("type").indexOf('.'));
        }

        private static String json(Map<String, String> f) {
            String payload = switch (f.get("type")) {
                case "crm.customer.registered" -> "{\"name\":\"" + f.get("name") + "\",\"email\":\"" + f.get("email")
                        + "\",\"address\":{\"street\":\"" + f.get("street") + "\",\"city\":\"" + f.get("city") + "\"}}";
                case "crm.customer.renamed" -> "{\"name\":\"" + f.get("name") + "\"}";
                case "shop.order.placed" -> "{\"customerId\":\"" + f.get("customerId") + "\",\"total\":" + f.get("total")
                        + ",\"channel\":\"" + f.get("channel") + "\",\"note\":\"" + f.get("note") + "\"}";
                default -> "{\"reason\":\"changed my mind\"}";
            };
            return "{\"id\":\"" + f.get("id") + "\",\"type\":\"" + f.get("type") + "\",\"key\":\"" + f.get("key")
                    + "\",\"payload\":" + payload + "}";
        }

        /** Each command's id once, however often it was sent. */
        List<String> ids() {
            return fields.stream().map(f -> f.get("id")).toList();
        }

        int indexOf(String id) {
            return Integer.parseInt(id.substring("dc-".length()));
        }

        String domainOf(String id) {
            return domain(fields.get(indexOf(id)));
        }

        Map<String, Long> perDomain() {
            return fields.stream().collect(Collectors.groupingBy(Posted::domain, TreeMap::new, Collectors.counting()));
        }
    }

    /** The rows the posted stream makes, in the order posted; a subscriber's without what is not published to it. */
    private record Model(Map<String, Map<String, String>> customers, Map<String, Map<String, String>> orders) {

        static Model of(Posted posted) {
            Map<String, Map<String, String>> customers = new TreeMap<>();
            Map<String, Map<String, String>> orders = new TreeMap<>();
            for (Map<String, String> f : posted.fields()) {
                switch (f.get("type")) {
                    case "crm.customer.registered" -> customers.put(f.get("key"), new HashMap<>(f));
                    case "crm.customer.renamed" -> {
                        customers.get(f.get("key")).put("name", f.get("name"));
                        customers.get(f.get("key")).put("id", f.get("id"));
                    }
                    case "shop.order.placed" -> {
                        Map<String, String> order = new HashMap<>(f);
                        order.put("status", "PLACED");
                        orders.put(f.get("key"), order);
                    }
                    default -> {
                        orders.get(f.get("key")).put("status", "CANCELLED");
                        orders.get(f.get("key")).put("id", f.get("id"));
                    }
                }
            }
            return new Model(customers, orders);
        }

        /** id → name, email, street, city, the last command's id; a subscriber sees only names and cities. */
        Map<String, List<Object>> customers(boolean published) {
            Map<String, List<Object>> rows = new TreeMap<>();
            customers.forEach((key, c) -> rows.put(key, Arrays.asList(c.get("name"), published ? null : c.get("email"),
                    published ? null : c.get("street"), c.get("city"), c.get("id"))));
            return rows;
        }

        /** id → customer, total, channel, note, status, the last command's id; nobody outside the shop sees the note. */
        Map<String, List<Object>> orders(boolean published) {
            Map<String, List<Object>> rows = new TreeMap<>();
            orders.forEach((key, o) -> rows.put(key, Arrays.asList(o.get("customerId"), new BigDecimal(o.get("total"))
                    .setScale(2), o.get("channel"), published ? null : o.get("note"), o.get("status"), o.get("id"))));
            return rows;
        }
    }
}
