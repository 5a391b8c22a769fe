package io.bizmaster.demo;

import io.bizmaster.admin.StoreStatus;
import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandRouter;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.gateway.OutgoingCommand;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.CommandStatus;
import io.bizmaster.log.LogEntry;
import io.bizmaster.replay.ReplayStatus;
import io.bizmaster.replay.StoreReplay;
import io.bizmaster.store.StoreRegistry;
import io.bizmaster.verify.Outcome;
import io.bizmaster.verify.VerificationReport;
import io.bizmaster.verify.Verifications;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code demo --bff}: the setup of examples/bff/application.yaml (a CRM and a shop domain, their own stores, a back
 * office and a storefront read model built from their publications) fed a stream posted to each domain's queue and, for
 * the BFF's mutations, through the forwarding rules; then every read model verified against its sources, rebuilt by a
 * replay from 0 and verified again.
 */
public final class BffDemo {

    /** The setup, beside the home's own settings. */
    public static final String SETTINGS = "examples/bff/application.yaml";

    private static final List<String> DOMAINS = List.of("crm", "shop");
    private static final Map<String, List<String>> TABLES = Map.of("crmstore", List.of("customers"), "shopstore",
            List.of("orders"), "backoffice", List.of("customers", "orders"), "storefront", List.of("customers", "orders"));
    private static final List<String> STORES = List.of("crmstore", "shopstore", "backoffice", "storefront");
    private static final List<String> READ_MODELS = List.of("backoffice", "storefront");
    /** Each read model against each domain store it is built from. */
    private static final List<List<String>> SOURCES = List.of(List.of("crmstore", "backoffice"),
            List.of("shopstore", "backoffice"), List.of("crmstore", "storefront"), List.of("shopstore", "storefront"));

    /** The BFF's login, the source of every command a forwarding rule makes. */
    private static final String FORWARDER = "bff";

    /**
     * The {@code --spring.config.additional-location} that adds the setup to the home's settings (and keeps the home's
     * own application.yaml, which {@code HomeOption} names the same way when the home is not the current folder).
     */
    public static String location(Path home, boolean homeIsCurrentFolder) {
        return "--spring.config.additional-location=" + (homeIsCurrentFolder ? ""
                : "optional:file:" + home + "/,optional:file:" + home + "/config/,") + "file:" + home.resolve(SETTINGS);
    }

    /** What the demo found, and whether everything agreed. */
    public record Result(boolean ok, Map<String, Object> facts) {
    }

    private final CommandPoster poster;
    private final CommandRouter router;
    private final CommandLog log;
    private final StoreStatusService status;
    private final StoreRegistry stores;
    private final Verifications verifications;
    private final StoreReplay replay;
    private final PrintStream out;

    public BffDemo(CommandPoster poster, CommandRouter router, CommandLog log, StoreStatusService status,
                   StoreRegistry stores, Verifications verifications, StoreReplay replay, PrintStream out) {
        this.poster = poster;
        this.router = router;
        this.log = log;
        this.status = status;
        this.stores = stores;
        this.verifications = verifications;
        this.replay = replay;
        this.out = out;
    }

    public Result run(BffStream stream, String run, Duration timeout) throws Exception {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("complete", false);
        long before = log.head();
        Map<String, Long> headsBefore = log.domainHeads();
        long started = System.nanoTime();
        int posted = post(stream);
        long head = awaitApplied(before + posted, timeout);
        out.printf("Posted %,d commands (%,d through the BFF's forwarding rules, %,d bad on purpose); every store at log "
                        + "head %,d after %.1f s%n", posted, stream.viaBff(), posted - stream.valid("crm") - stream.valid("shop"),
                head, (System.nanoTime() - started) / 1e9);

        boolean ok = domains(stream, before, head, headsBefore, facts);
        facts.put("stores", stores());
        ok &= verify("as fed live", facts, "verifications");
        ok &= rebuild(timeout, facts);
        ok &= verify("after the rebuild", facts, "verificationsAfterReplay");
        samples(run, facts);
        facts.put("complete", ok);
        return new Result(ok, facts);
    }

    /** The domains' commands to their own queues, then the BFF's through the router, as the HTTP gateway posts them. */
    private int post(BffStream stream) throws Exception {
        int posted = 0;
        for (String domain : DOMAINS) {
            List<OutgoingCommand> direct = stream.messages().stream()
                    .filter(m -> m.domain().equals(domain) && !m.viaBff())
                    .flatMap(m -> CommandSplitter.split(m.body()).stream()).toList();
            posted += poster.post("biz.domain." + domain, direct);
        }
        List<OutgoingCommand> viaBff = stream.messages().stream().filter(BffStream.Message::viaBff)
                .flatMap(m -> CommandSplitter.split(m.body()).stream()).toList();
        posted += poster.post(router.route(viaBff, FORWARDER).stream().map(CommandRouter.Routed::command).toList());
        return posted;
    }

    private long awaitApplied(long target, Duration timeout) throws InterruptedException {
        long[] head = new long[1];
        DemoSteps.await("every store at seq " + target, timeout, () -> {
            head[0] = log.head();
            return status.all();
        }, all -> head[0] >= target && all.stream().filter(s -> !"detached".equals(s.role()))
                .allMatch(s -> s.checkpoint() >= head[0]));
        return head[0];
    }

    /** Per domain, what its log holds of this run against what the stream says it must. */
    private boolean domains(BffStream stream, long before, long head, Map<String, Long> headsBefore,
                            Map<String, Object> facts) {
        Map<String, long[]> logged = new LinkedHashMap<>();
        DOMAINS.forEach(d -> logged.put(d, new long[2]));
        for (long after = before; after < head; ) {
            List<LogEntry> page = log.readAfter(after, 1000);
            if (page.isEmpty()) {
                break;
            }
            for (LogEntry entry : page) {
                long[] counts = logged.get(entry.domain());
                if (counts != null) {
                    counts[entry.status() == CommandStatus.ACCEPTED ? 0 : 1]++;
                }
            }
            after = page.get(page.size() - 1).seq();
        }
        Map<String, Long> heads = log.domainHeads();
        boolean ok = true;
        Map<String, Object> all = new LinkedHashMap<>();
        for (String domain : DOMAINS) {
            long accepted = logged.get(domain)[0];
            long rejected = logged.get(domain)[1];
            long domainHead = heads.getOrDefault(domain, 0L);
            long numbered = domainHead - headsBefore.getOrDefault(domain, 0L);
            boolean agreed = accepted == stream.valid(domain) && rejected == stream.posted(domain) - stream.valid(domain)
                    && numbered == stream.posted(domain);
            ok &= agreed;
            out.printf("domain %s: posted %,d, accepted %,d, rejected %,d; domain head %,d (+%,d)%s%n", domain,
                    stream.posted(domain), accepted, rejected, domainHead, numbered,
                    agreed ? "" : "; EXPECTED accepted " + stream.valid(domain) + " of " + stream.posted(domain));
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("posted", stream.posted(domain));
            one.put("accepted", accepted);
            one.put("rejected", rejected);
            one.put("expectedAccepted", stream.valid(domain));
            one.put("head", domainHead);
            all.put(domain, one);
        }
        facts.put("domains", all);
        facts.put("viaBff", stream.viaBff());
        facts.put("logHead", head);
        return ok;
    }

    private List<Map<String, Object>> stores() throws SQLException {
        List<Map<String, Object>> all = new ArrayList<>();
        for (String name : STORES) {
            StoreStatus store = status.one(name);
            Map<String, Object> rows = rows(name);
            out.printf("store %s (%s) at %,d: %s%n", name, store.converter(), store.checkpoint(), text(rows));
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", name);
            one.put("checkpoint", store.checkpoint());
            one.put("rows", rows);
            all.add(one);
        }
        return all;
    }

    private Map<String, Object> rows(String store) throws SQLException {
        Map<String, Object> rows = new LinkedHashMap<>();
        for (String table : TABLES.get(store)) {
            rows.put(table, query(store, "SELECT COUNT(*) AS n FROM " + table).get(0).get("n"));
        }
        return rows;
    }

    private boolean verify(String when, Map<String, Object> facts, String key) throws InterruptedException {
        boolean ok = true;
        List<Map<String, Object>> all = new ArrayList<>();
        for (List<String> pair : SOURCES) {
            String id = verifications.start(pair.get(0), pair.get(1), null).id();
            VerificationReport report = DemoSteps.await("verification " + id, Duration.ofMinutes(5),
                    () -> verifications.get(id).orElseThrow(), r -> !"RUNNING".equals(r.state()));
            out.printf("verify %s %s (%s): %s%n", pair.get(0), pair.get(1), when, report.summary());
            ok &= report.outcome() == Outcome.EQUAL;
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("source", pair.get(0));
            one.put("target", pair.get(1));
            one.put("outcome", String.valueOf(report.outcome()));
            one.put("matched", report.matched());
            all.add(one);
        }
        facts.put(key, all);
        return ok;
    }

    /** Each read model emptied and rebuilt from the two domains' logs: the same rows as it had when fed live. */
    private boolean rebuild(Duration timeout, Map<String, Object> facts) throws Exception {
        boolean ok = true;
        List<Map<String, Object>> all = new ArrayList<>();
        for (String name : READ_MODELS) {
            Map<String, List<Map<String, Object>>> live = snapshot(name);
            long started = System.nanoTime();
            replay.start(name, 0, false);
            ReplayStatus done = DemoSteps.await("the replay of " + name + " from 0", timeout, () -> replay.status(name),
                    s -> s.phase().equals("DONE") || s.phase().equals("FAILED"));
            awaitApplied(log.head(), timeout);
            double seconds = (System.nanoTime() - started) / 1e9;
            boolean same = live.equals(snapshot(name));
            ok &= done.phase().equals("DONE") && same;
            Map<String, Object> rows = rows(name);
            out.printf("replay --store %s --from 0: %s, %,d commands replayed in %.1f s; %s; rows %s the live ones%n", name,
                    done.phase(), done.replayed(), seconds, text(rows),
                    same ? "equal to" : "DIFFERENT FROM");
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("store", name);
            one.put("phase", done.phase());
            one.put("replayed", done.replayed());
            one.put("seconds", Math.round(seconds * 10) / 10.0);
            one.put("rows", rows);
            one.put("equalToLive", same);
            all.add(one);
        }
        facts.put("replay", all);
        return ok;
    }

    private Map<String, List<Map<String, Object>>> snapshot(String store) throws SQLException {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        for (String table : TABLES.get(store)) {
            tables.put(table, query(store, "SELECT * FROM " + table + " ORDER BY id"));
        }
        return tables;
    }

    /** A customer of this run with orders, as each read model shows them: the storefront has no email to show. */
    private void samples(String run, Map<String, Object> facts) throws SQLException {
        // A customer with a web order, so that the storefront has an order of theirs to show too.
        List<Map<String, Object>> orders = query("backoffice", "SELECT customer_id, name, email, city, order_id, total, "
                + "channel, status FROM customer_orders WHERE customer_id = (SELECT MIN(customer_id) FROM customer_orders "
                + "WHERE customer_id LIKE ? AND channel = 'web') ORDER BY order_id FETCH FIRST 2 ROWS ONLY", run + "-%");
        Map<String, Object> samples = new LinkedHashMap<>();
        samples.put("backoffice.customer_orders", orders);
        out.println("Sample rows:");
        orders.forEach(row -> out.println("  backoffice customer_orders: " + line(row)));
        if (!orders.isEmpty()) {
            Object customer = orders.get(0).get("customer_id");
            List<Map<String, Object>> card = query("storefront", "SELECT * FROM customers WHERE id = ?", customer);
            card.forEach(row -> out.println("  storefront customers:       " + line(row)
                    + "  (no email, no street: crm customer-card@1 does not publish them)"));
            samples.put("storefront.customers", card);
            List<Map<String, Object>> webOrders = query("storefront", "SELECT * FROM orders WHERE customer_id = ? ORDER BY id "
                    + "FETCH FIRST 2 ROWS ONLY", customer);
            webOrders.forEach(row -> out.println("  storefront orders:          " + line(row)
                    + "  (web orders as placed: its subscription takes shop.order.placed where channel is web)"));
            samples.put("storefront.orders", webOrders);
            List<Map<String, Object>> kept = query("shopstore", "SELECT id, note FROM orders WHERE note IS NOT NULL ORDER BY id "
                    + "FETCH FIRST 1 ROWS ONLY");
            kept.forEach(row -> out.println("  shopstore orders:           " + line(row)
                    + "  (the note stays in the shop: order@1 does not publish it, so no read model holds it)"));
        }
        facts.put("samples", samples);
    }

    /** Rows per table, as "customers 1,320, orders 6,328". */
    private static String text(Map<String, Object> rows) {
        StringJoiner text = new StringJoiner(", ");
        rows.forEach((table, count) -> text.add(String.format("%s %,d", table, ((Number) count).longValue())));
        return text.toString();
    }

    private static String line(Map<String, Object> row) {
        StringJoiner line = new StringJoiner(", ");
        row.forEach((column, value) -> line.add(column + "=" + value));
        return line.toString();
    }

    /** Rows as column (lower case) to value, in the query's order. */
    private List<Map<String, Object>> query(String store, String sql, Object... parameters) throws SQLException {
        try (Connection c = stores.get(store).connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}
