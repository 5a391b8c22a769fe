package io.bizmaster.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A reproducible stream for {@code demo --bff}: the CRM's customers registered and renamed, the shop's orders placed
 * and cancelled, each posted to its own domain's queue; now and then the BFF's mutations (a rename, a cancellation)
 * posted through the forwarding rules; and a few bad ones each domain must reject (a missing or out-of-range field, a
 * shop command sent to the CRM's queue, a BFF rename to a blank name).
 */
public final class BffStream {

    private static final String[] FIRST = {"Ada", "Grace", "Alan", "Zoë", "José", "Barbara", "Edsger", "Margaret",
        "Søren", "Aïcha", "Radia", "Niklaus"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Müller", "García", "Liskov", "Dijkstra",
        "Hamilton", "Kierkegaard", "O'Brien", "Perlman", "Wirth"};
    private static final String[] STREETS = {"Rue de Rivoli", "Baker Street", "Hauptstraße", "Calle Mayor", "Nørregade"};
    private static final String[] CITIES = {"Paris", "London", "Berlin", "Madrid", "København"};
    private static final String[] NOTES = {"leave at the door", "fragile", "call before delivery", "gift wrap"};

    /** Every how many messages one is bad on purpose. */
    private static final int BAD_EVERY = 97;

    /**
     * One message.
     *
     * @param domain the domain that logs it (crm or shop), whichever queue it was posted to
     * @param queue  the queue it is posted to, or null when the BFF posts it through the forwarding rules
     * @param valid  whether the domain must accept it
     */
    public record Message(String domain, String queue, byte[] body, boolean valid) {

        public boolean viaBff() {
            return queue == null;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Random random;
    private final String run;
    private final List<String> customers = new ArrayList<>();
    private final List<String> openOrders = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private int orders;

    private BffStream(long seed, String run) {
        this.random = new Random(seed);
        this.run = run;
    }

    /**
     * @param count     how many messages, bad ones and the BFF's included
     * @param customers how many customers to register
     * @param run       a prefix making ids and keys unique to this run, so runs can share a log and the stores
     */
    public static BffStream generate(int count, int customers, long seed, String run) {
        BffStream stream = new BffStream(seed, run);
        stream.fill(count, Math.max(1, Math.min(customers, count)));
        return stream;
    }

    public List<Message> messages() {
        return messages;
    }

    /** The messages a domain must log, and of them the ones it must accept. */
    public long posted(String domain) {
        return messages.stream().filter(m -> m.domain().equals(domain)).count();
    }

    public long valid(String domain) {
        return messages.stream().filter(m -> m.domain().equals(domain) && m.valid()).count();
    }

    public long viaBff() {
        return messages.stream().filter(Message::viaBff).count();
    }

    /** The keys this run's customers have: the demo shows a few of them. */
    public List<String> customers() {
        return customers;
    }

    private void fill(int count, int customerTarget) {
        for (int i = 0; i < count; i++) {
            if (i % BAD_EVERY == BAD_EVERY - 1 && !customers.isEmpty()) {
                messages.add(bad(i));
                continue;
            }
            boolean mustRegister = customers.isEmpty()
                    || (customers.size() < customerTarget && random.nextInt(count - i) < customerTarget - customers.size());
            messages.add(mustRegister ? register(i) : activity(i));
        }
    }

    private Message register(int i) {
        String customer = run + "-C" + (customers.size() + 1);
        String name = name();
        ObjectNode payload = json.createObjectNode().put("name", name)
                .put("email", name.replace(' ', '.').replace("'", "").toLowerCase() + customers.size() + "@example.com");
        payload.putObject("address").put("street", (1 + random.nextInt(200)) + " " + pick(STREETS)).put("city", pick(CITIES));
        customers.add(customer);
        return crm(command(i, "crm.customer.registered", customer, payload), true);
    }

    private Message activity(int i) {
        int roll = random.nextInt(100);
        String customer = customers.get(random.nextInt(customers.size()));
        if (roll < 12) {
            return crm(command(i, "crm.customer.renamed", customer, json.createObjectNode().put("name", name())), true);
        }
        if (roll < 18) {
            // What the profile page posts: the BFF's own words, forwarded to the CRM by domains/forwarding.yaml.
            ObjectNode payload = json.createObjectNode().put("displayName", "  " + name() + " ");
            return new Message("crm", null, command(i, "bff.customer.rename", customer, payload), true);
        }
        if (roll < 85 || openOrders.isEmpty()) {
            String order = run + "-O" + (++orders);
            openOrders.add(order);
            ObjectNode payload = json.createObjectNode().put("customerId", customer)
                    .put("total", BigDecimal.valueOf(random.nextInt(50_000), 2))
                    .put("channel", random.nextInt(3) == 0 ? "store" : "web");
            if (random.nextBoolean()) {
                payload.put("note", pick(NOTES));
            }
            return shop(command(i, "shop.order.placed", order, payload), true);
        }
        String order = openOrders.remove(random.nextInt(openOrders.size()));
        if (roll < 93) {
            return shop(command(i, "shop.order.cancelled", order, json.createObjectNode().put("reason", "out of stock")), true);
        }
        ObjectNode payload = json.createObjectNode();
        if (random.nextBoolean()) {
            payload.put("reason", "changed my mind");
        }
        return new Message("shop", null, command(i, "bff.order.cancel", order, payload), true);
    }

    private Message bad(int i) {
        String customer = customers.get(0);
        return switch ((i / BAD_EVERY) % 4) {
            case 0 -> crm(command(i, "crm.customer.renamed", customer, json.createObjectNode()), false);
            case 1 -> shop(command(i, "shop.order.placed", run + "-X" + i, json.createObjectNode().put("customerId", customer)
                    .put("total", 10).put("channel", "phone")), false);
            // A shop command on the CRM's queue: the CRM's catalogue does not know it, so the CRM logs it rejected.
            case 2 -> crm(command(i, "shop.order.placed", run + "-X" + i, json.createObjectNode().put("customerId", customer)
                    .put("total", 10).put("channel", "web")), false);
            default -> new Message("crm", null, command(i, "bff.customer.rename", customer,
                    json.createObjectNode().put("displayName", "   ")), false);
        };
    }

    private Message crm(byte[] body, boolean valid) {
        return new Message("crm", "biz.domain.crm", body, valid);
    }

    private Message shop(byte[] body, boolean valid) {
        return new Message("shop", "biz.domain.shop", body, valid);
    }

    private String name() {
        return pick(FIRST) + " " + pick(LAST);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private byte[] command(int i, String type, String key, ObjectNode payload) {
        ObjectNode command = json.createObjectNode();
        command.put("id", run + "-" + i);
        command.put("type", type);
        command.put("key", key);
        command.set("payload", payload);
        command.put("source", type.startsWith("crm.") ? "crm-app" : "shop-app");
        try {
            return json.writeValueAsBytes(command);
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalStateException(e);
        }
    }
}
