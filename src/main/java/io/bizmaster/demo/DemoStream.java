package io.bizmaster.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A realistic, reproducible stream of the demo domain's commands: customers register, are renamed,
 * move and are credited (a relative command: applied twice, it shows); orders are placed and
 * cancelled; and now and then a bad message (malformed, unknown type, missing or mistyped field,
 * oversized) that the intake must reject without holding anything up.
 */
public final class DemoStream {

    private static final String[] FIRST = {"Ada", "Grace", "Alan", "Zoë", "José", "Mary Ann", "Linus", "Barbara",
        "Edsger", "Margaret", "Søren", "Aïcha", "Ken", "Radia", "Niklaus", "Frances"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Müller", "García", "van der Berg",
        "Torvalds", "Liskov", "Dijkstra", "Hamilton", "Kierkegaard", "O'Brien", "Thompson", "Perlman", "Wirth", "Allen"};
    private static final String[] STREETS = {"Rue de Rivoli", "Baker Street", "Hauptstraße", "Calle Mayor",
        "Nørregade", "Main St", "Via Roma", "Ulica Długa"};
    private static final String[] CITIES = {"Paris", "London", "Berlin", "Madrid", "København", "Springfield",
        "Roma", "Gdańsk"};
    private static final String[] REASONS = {"customer request", "out of stock", "payment declined", null};

    private final ObjectMapper json = new ObjectMapper();
    private final Random random;
    private final String run;
    private final Instant start;
    private final DemoModel model = new DemoModel();
    private final List<String> customers = new ArrayList<>();
    private final List<String> openOrders = new ArrayList<>();
    private final List<byte[]> messages = new ArrayList<>();
    private int invalid;
    private int orderCount;

    private DemoStream(long seed, String run, Instant start) {
        this.random = new Random(seed);
        this.run = run;
        this.start = start;
    }

    /**
     * @param commands  how many messages, bad ones included
     * @param customers how many customers to register (the stream's keys are these plus the orders)
     * @param run       a prefix making ids and keys unique to this run, so runs can share a log
     */
    public static DemoStream generate(int commands, int customers, long seed, String run) {
        DemoStream stream = new DemoStream(seed, run, Instant.parse("2026-01-01T08:00:00Z"));
        stream.fill(commands, customers);
        return stream;
    }

    public List<byte[]> messages() {
        return messages;
    }

    public DemoModel model() {
        return model;
    }

    /** How many of the messages are bad on purpose and must be rejected. */
    public int invalid() {
        return invalid;
    }

    public int valid() {
        return messages.size() - invalid;
    }

    private void fill(int commands, int customerTarget) {
        for (int i = 0; i < commands; i++) {
            if (i > 0 && i % 487 == 0) {
                messages.add(bad(i));
                invalid++;
                continue;
            }
            boolean mustRegister = customers.isEmpty()
                    || (customers.size() < customerTarget && random.nextInt(commands - i) < customerTarget - customers.size());
            messages.add(mustRegister ? register(i) : activity(i));
        }
    }

    private byte[] activity(int i) {
        int roll = random.nextInt(100);
        String customer = customers.get(random.nextInt(customers.size()));
        if (roll < 15) {
            String name = name();
            model.renamed(customer, name);
            return command(i, "customer.renamed", customer, payload().put("name", name));
        }
        if (roll < 30) {
            ObjectNode payload = payload();
            String[] address = address(payload.putObject("address"));
            model.moved(customer, address[0], address[1], address[2]);
            return command(i, "customer.moved", customer, payload);
        }
        if (roll < 55) {
            long amount = 1 + random.nextInt(500);
            model.credited(customer, amount);
            return command(i, "customer.credited", customer, payload().put("amount", amount));
        }
        if (roll < 85 || openOrders.isEmpty()) {
            String order = run + "-O" + (++orderCount);
            BigDecimal total = BigDecimal.valueOf(random.nextInt(100_000), 2).setScale(2, RoundingMode.UNNECESSARY);
            model.placed(order, customer, total);
            openOrders.add(order);
            return command(i, "order.placed", order, payload().put("customerId", customer).put("total", total));
        }
        String order = openOrders.remove(random.nextInt(openOrders.size()));
        String reason = REASONS[random.nextInt(REASONS.length)];
        model.cancelled(order, reason);
        ObjectNode payload = payload();
        if (reason != null) {
            payload.put("reason", reason);
        }
        return command(i, "order.cancelled", order, payload);
    }

    private byte[] register(int i) {
        String customer = run + "-C" + (customers.size() + 1);
        String name = name();
        String email = name.replace(' ', '.').replace("'", "") + customers.size() + "@Example.com";
        ObjectNode payload = payload().put("name", name).put("email", email);
        String[] address = address(payload.putObject("address"));
        customers.add(customer);
        model.registered(customer, name, email, address[0], address[1], address[2]);
        return command(i, "customer.registered", customer, payload);
    }

    private byte[] bad(int i) {
        String id = run + "-bad-" + i;
        return switch ((i / 487) % 5) {
            case 0 -> ("{\"id\":\"" + id + "\",\"type\":\"customer.renamed\",\"key\":").getBytes(StandardCharsets.UTF_8);
            case 1 -> command(i, "customer.exploded", "nobody", payload());
            case 2 -> command(i, "customer.renamed", customers.get(0), payload());
            case 3 -> command(i, "customer.credited", customers.get(0), payload().put("amount", "ten"));
            default -> command(i, "customer.renamed", customers.get(0), payload().put("name", "x".repeat(70_000)));
        };
    }

    private String name() {
        return FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
    }

    private String[] address(ObjectNode address) {
        String street = (1 + random.nextInt(200)) + " " + STREETS[random.nextInt(STREETS.length)];
        String zip = String.format("%05d", random.nextInt(100_000));
        String city = CITIES[random.nextInt(CITIES.length)];
        address.put("street", street).put("zip", zip).put("city", city);
        return new String[] {street, zip, city};
    }

    private ObjectNode payload() {
        return json.createObjectNode();
    }

    private byte[] command(int i, String type, String key, ObjectNode payload) {
        ObjectNode command = json.createObjectNode();
        command.put("id", run + "-" + i);
        command.put("type", type);
        command.put("key", key);
        command.set("payload", payload);
        command.put("source", "demo");
        command.put("issuedAt", start.plusSeconds(i).toString());
        try {
            return json.writeValueAsBytes(command);
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalStateException(e);
        }
    }
}
