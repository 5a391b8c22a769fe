package io.bizmaster.demo;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the stores must contain after a demo stream, computed by applying the stream to plain objects.
 * Tests compare every store's rows to it: the converters must agree with this model, whatever the schema.
 */
public final class DemoModel {

    public static final class Customer {
        public String name;
        public String email;
        public String street;
        public String zip;
        public String city;
        public long balance;
    }

    public static final class Order {
        public String customerId;
        public BigDecimal total;
        public boolean cancelled;
        public String cancelReason;
    }

    private final Map<String, Customer> customers = new LinkedHashMap<>();
    private final Map<String, Order> orders = new LinkedHashMap<>();

    public Map<String, Customer> customers() {
        return customers;
    }

    public Map<String, Order> orders() {
        return orders;
    }

    void registered(String id, String name, String email, String street, String zip, String city) {
        Customer c = new Customer();
        c.name = name;
        c.email = email;
        c.street = street;
        c.zip = zip;
        c.city = city;
        customers.put(id, c);
    }

    void renamed(String id, String name) {
        customers.get(id).name = name;
    }

    void moved(String id, String street, String zip, String city) {
        Customer c = customers.get(id);
        c.street = street;
        c.zip = zip;
        c.city = city;
    }

    void credited(String id, long amount) {
        customers.get(id).balance += amount;
    }

    void placed(String orderId, String customerId, BigDecimal total) {
        Order o = new Order();
        o.customerId = customerId;
        o.total = total;
        orders.put(orderId, o);
    }

    void cancelled(String orderId, String reason) {
        Order o = orders.get(orderId);
        o.cancelled = true;
        o.cancelReason = reason;
    }
}
