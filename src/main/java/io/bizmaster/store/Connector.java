package io.bizmaster.store;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** How BizMaster reaches a kind of store. Chosen by name in a store's configuration. */
public interface Connector {

    String name();

    List<ConnectorOption> options();

    /**
     * What is wrong with these option values beyond presence (a URL form the connector refuses), every problem at once;
     * checked before anything connects.
     */
    default List<String> problems(Map<String, String> options) {
        return List.of();
    }

    /** Opens the store's connection pool; options have already been validated against {@link #options()}. */
    DataSource open(String store, Map<String, String> options);
}
