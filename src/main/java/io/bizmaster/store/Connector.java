package io.bizmaster.store;

import java.util.List;
import java.util.Map;

/**
 * How BizMaster reaches a kind of store. Chosen by name in a store's configuration ({@code connector: jdbc}); found
 * with {@link java.util.ServiceLoader} on the class path, which includes the jars in the {@code connectors/} folder
 * (see docs/CONNECTORS.md): a connector jar names its class in {@code META-INF/services/io.bizmaster.store.Connector}
 * and has a public no-argument constructor.
 */
public interface Connector {

    /** The name a store's configuration chooses it by: lower case, letters, digits and dashes. */
    String name();

    /** One line for {@code bizmaster connectors}. */
    String description();

    /** Every option, typed; an option not declared here is refused at start-up. */
    List<ConnectorOption> options();

    ConnectorCapabilities capabilities();

    /**
     * What is wrong with these option values beyond presence and type (a URL form the connector refuses), every problem
     * at once; checked before anything connects.
     */
    default List<String> problems(Map<String, String> options) {
        return List.of();
    }

    /**
     * Opens the store: a connection pool to a relational database ({@link RelationalTarget}) or a record store
     * ({@link RecordTarget}). Options have already been validated against {@link #options()}. Must not fail because
     * the store is down: its commands wait in its queue until it answers.
     *
     * @param context what BizMaster lends the connector (its Camel context, its business store); most need neither
     */
    StoreTarget open(String store, Map<String, String> options, ConnectorContext context);
}
