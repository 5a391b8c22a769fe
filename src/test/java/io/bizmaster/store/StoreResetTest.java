package io.bizmaster.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.convert.Dialect;
import io.bizmaster.testing.ExternalDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A store is emptied children first: a table that references another goes before it, whatever the declared order. */
class StoreResetTest {

    @Test
    void tablesAreEmptiedChildrenFirst() throws Exception {
        try (Connection c = ExternalDatabases.fresh(Dialect.H2).getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id VARCHAR(10) PRIMARY KEY)");
            s.execute("CREATE TABLE orders (id VARCHAR(10) PRIMARY KEY, customer_id VARCHAR(10) REFERENCES customers (id))");
            s.execute("CREATE TABLE lines (id VARCHAR(10) PRIMARY KEY, order_id VARCHAR(10) REFERENCES orders (id))");
            assertThat(StoreReset.deletionOrder(c, new LinkedHashSet<>(List.of("customers", "orders", "lines"))))
                    .containsExactly("lines", "orders", "customers");
            assertThat(StoreReset.deletionOrder(c, new LinkedHashSet<>(List.of("lines", "customers", "orders"))))
                    .containsExactly("lines", "orders", "customers");
        }
    }
}
