package io.bizmaster.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Two small command domains written for the read-model tests: {@code crm} (customers, with an email and a street
 * that only the back office may see) and {@code shop} (orders, with a note nobody outside the shop sees), their
 * publications, and the converters of a domain store per domain and of two subscriber stores.
 */
final class ReadModelFiles {

    private ReadModelFiles() {
    }

    static final String CRM_CATALOG = """
            types:
              crm.customer.registered:
                key: {description: customer id, maxLength: 64}
                payload:
                  name:  {type: string, required: true, minLength: 1, maxLength: 100}
                  email: {type: string, maxLength: 200}
                  address:
                    type: object
                    required: true
                    fields:
                      street: {type: string, required: true, maxLength: 200}
                      city:   {type: string, required: true, maxLength: 100}
              crm.customer.renamed:
                key: {description: customer id, maxLength: 64}
                payload:
                  name: {type: string, required: true, minLength: 1, maxLength: 100}
            """;

    static final String CRM_PUBLICATIONS = """
            publications:
              customer@1:
                description: who the customer is, for the back office
                types: [crm.customer.registered, crm.customer.renamed]
                fields: [name, email, address]
                subscribers: [backoffice, backoffice2]
              customer-card@1:
                description: what a shop front shows
                types: [crm.customer.registered, crm.customer.renamed]
                fields: [name, address.city]
                subscribers: [backoffice, storefront, probe]
            """;

    static final String SHOP_CATALOG = """
            types:
              shop.order.placed:
                key: {description: order id, maxLength: 64}
                payload:
                  customerId: {type: string, required: true, minLength: 1, maxLength: 64}
                  total:      {type: decimal, required: true, min: 0, max: 1000000, scale: 2}
                  channel:    {type: string, required: true, enum: [web, store]}
                  note:       {type: string, maxLength: 200}
              shop.order.cancelled:
                key: {description: order id, maxLength: 64}
                payload:
                  reason: {type: string, maxLength: 200}
            """;

    static final String SHOP_PUBLICATIONS = """
            publications:
              order@1:
                types: [shop.order.placed, shop.order.cancelled]
                fields: [customerId, total, channel]
                subscribers: [backoffice, backoffice2, storefront]
            """;

    /** Writes the domains under {@code home}/domains and the converters under {@code home}/converters. */
    static void write(Path home) {
        write(home.resolve("domains/crm/catalog.yaml"), CRM_CATALOG);
        write(home.resolve("domains/crm/publications.yaml"), CRM_PUBLICATIONS);
        write(home.resolve("domains/shop/catalog.yaml"), SHOP_CATALOG);
        write(home.resolve("domains/shop/publications.yaml"), SHOP_PUBLICATIONS);
        Path converters = home.resolve("converters");
        copy(Path.of("converters"), converters);
        write(converters.resolve("crmstore/v1.yaml"), """
                converter: crmstore
                version: 1
                on:
                  crm.customer.registered:
                    - upsert: customers
                      key: {id: key}
                      set: {name: payload.name, email: payload.email, street: payload.address.street, city: payload.address.city}
                  crm.customer.renamed:
                    - update: customers
                      key: {id: key}
                      set: {name: payload.name}
                """);
        write(converters.resolve("crmstore/schema/V1__customers.sql"), """
                CREATE TABLE customers (id VARCHAR(64) PRIMARY KEY, name VARCHAR(100), email VARCHAR(200),
                    street VARCHAR(200), city VARCHAR(100));
                """);
        write(converters.resolve("crmstore/projections.yaml"), """
                converter: crmstore
                entities:
                  customer:
                    commands: [crm.customer.]
                    key: id
                    table: customers
                    columns: {id: id, name: name, email: email, street: street, city: city}
                """);
        write(converters.resolve("shopstore/v1.yaml"), """
                converter: shopstore
                version: 1
                on:
                  shop.order.placed:
                    - insert: orders
                      key: {id: key}
                      set: {customer_id: payload.customerId, total: decimal(payload.total), channel: payload.channel,
                            note: payload.note, status: 'PLACED'}
                  shop.order.cancelled:
                    - update: orders
                      key: {id: key}
                      set: {status: 'CANCELLED'}
                """);
        write(converters.resolve("shopstore/schema/V1__orders.sql"), """
                CREATE TABLE orders (id VARCHAR(64) PRIMARY KEY, customer_id VARCHAR(64), total DECIMAL(12, 2),
                    channel VARCHAR(10), note VARCHAR(200), status VARCHAR(10));
                """);
        write(converters.resolve("shopstore/projections.yaml"), """
                converter: shopstore
                entities:
                  order:
                    commands: [shop.order.]
                    key: id
                    table: orders
                    columns: {id: id, customer_id: customer_id, total: {sql: total, type: decimal}, channel: channel, status: status}
                """);
        // The back office reads a note the shop does not publish: it must stay empty.
        write(converters.resolve("backoffice/v1.yaml"), """
                converter: backoffice
                version: 1
                on:
                  crm.customer.registered:
                    - upsert: customers
                      key: {id: key}
                      set: {name: payload.name, email: payload.email, street: payload.address.street, city: payload.address.city}
                  crm.customer.renamed:
                    - update: customers
                      key: {id: key}
                      set: {name: payload.name}
                  shop.order.placed:
                    - insert: orders
                      key: {id: key}
                      set: {customer_id: payload.customerId, total: decimal(payload.total), channel: payload.channel,
                            note: payload.note, status: 'PLACED'}
                  shop.order.cancelled:
                    - update: orders
                      key: {id: key}
                      set: {status: 'CANCELLED'}
                """);
        write(converters.resolve("backoffice/schema/V1__read_model.sql"), """
                CREATE TABLE customers (id VARCHAR(64) PRIMARY KEY, name VARCHAR(100), email VARCHAR(200),
                    street VARCHAR(200), city VARCHAR(100));
                CREATE TABLE orders (id VARCHAR(64) PRIMARY KEY, customer_id VARCHAR(64), total DECIMAL(12, 2),
                    channel VARCHAR(10), note VARCHAR(200), status VARCHAR(10));
                CREATE VIEW customer_orders AS SELECT c.id AS customer_id, c.name, c.city, o.id AS order_id, o.total, o.status
                    FROM customers c JOIN orders o ON o.customer_id = c.id;
                """);
        write(converters.resolve("backoffice/projections.yaml"), """
                converter: backoffice
                entities:
                  customer:
                    commands: [crm.customer.]
                    key: id
                    table: customers
                    columns: {id: id, name: name, email: email, street: street, city: city}
                  order:
                    commands: [shop.order.]
                    key: id
                    table: orders
                    columns: {id: id, customer_id: customer_id, total: {sql: total, type: decimal}, channel: channel, status: status}
                """);
        write(converters.resolve("storefront/v1.yaml"), """
                converter: storefront
                version: 1
                on:
                  crm.customer.registered:
                    - upsert: customers
                      key: {id: key}
                      set: {name: payload.name, city: payload.address.city, email: payload.email}
                  crm.customer.renamed:
                    - update: customers
                      key: {id: key}
                      set: {name: payload.name}
                  shop.order.placed:
                    - insert: orders
                      key: {id: key}
                      set: {customer_id: payload.customerId, total: decimal(payload.total)}
                """);
        write(converters.resolve("storefront/schema/V1__read_model.sql"), """
                CREATE TABLE customers (id VARCHAR(64) PRIMARY KEY, name VARCHAR(100), city VARCHAR(100), email VARCHAR(200));
                CREATE TABLE orders (id VARCHAR(64) PRIMARY KEY, customer_id VARCHAR(64), total DECIMAL(12, 2));
                """);
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project's converters but the shipped BFF example's, whose names this fixture writes its own under. */
    private static void copy(Path from, Path to) {
        java.util.Set<String> own = java.util.Set.of("crmstore", "shopstore", "backoffice", "storefront");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (from.relativize(file).getNameCount() > 0 && own.contains(from.relativize(file).getName(0).toString())) {
                    continue;
                }
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
