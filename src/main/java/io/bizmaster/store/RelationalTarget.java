package io.bizmaster.store;

import java.io.Closeable;
import java.io.IOException;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/** A store in a relational database, reached through a connection pool. */
public record RelationalTarget(DataSource dataSource) implements StoreTarget {

    @Override
    public void close() {
        if (dataSource instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                LoggerFactory.getLogger(RelationalTarget.class).debug("closing a store's pool failed", e);
            }
        }
    }
}
