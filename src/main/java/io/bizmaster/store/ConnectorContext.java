package io.bizmaster.store;

import javax.sql.DataSource;
import org.apache.camel.ProducerTemplate;

/**
 * What BizMaster lends a connector when it opens a store: a producer of its Camel context (a connector may write
 * through any Camel endpoint; routes are the pipeline's alone, so no more than that) and its own database, the
 * business store, for a connector whose target cannot keep a checkpoint itself.
 */
public interface ConnectorContext {

    /** The application's producer template; resolved on first call, so only call it when the store is used. */
    ProducerTemplate producer();

    /** The business store (the command log's database): tables of BizMaster's own, keyed by store name. */
    DataSource businessStore();
}
