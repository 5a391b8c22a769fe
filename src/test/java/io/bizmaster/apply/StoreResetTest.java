package io.bizmaster.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.bizmaster.store.jdbc.Dialect;
import io.bizmaster.testing.ExternalDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A store is emptied children first: a table that references another goes before it, whatever the declared order,
 * on every engine (each reports foreign keys under its own identifier case).
 */
class StoreResetTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void tablesAreEmptiedChildrenFirst(Dialect dialect) throws Exception {
        try (Connection c = ExternalDatabases.fresh(dialect).getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id VARCHAR(10) PRIMARY KEY)");
            s.execute("CREATE TABLE orders (id VARCHAR(10) PRIMARY KEY, customer_id VARCHAR(10), "
                    + "FOREIGN KEY (customer_id) REFERENCES customers (id))");
            s.execute("CREATE TABLE order_lines (id VARCHAR(10) PRIMARY KEY, order_id VARCHAR(10), "
                    + "FOREIGN KEY (order_id) REFERENCES orders (id))");
            assertThat(StoreReset.deletionOrder(c, new LinkedHashSet<>(List.of("customers", "orders", "order_lines"))))
                    .containsExactly("order_lines", "orders", "customers");
            assertThat(StoreReset.deletionOrder(c, new LinkedHashSet<>(List.of("order_lines", "customers", "orders"))))
                    .containsExactly("order_lines", "orders", "customers");
        }
    }
}
