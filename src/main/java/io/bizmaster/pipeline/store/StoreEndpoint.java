package io.bizmaster.pipeline.store;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** Writes a converted batch of commands and the store's new checkpoint through the store's connector. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "bizmaster-store", title = "BizMaster Store", syntax = "bizmaster-store:store",
             producerOnly = true, category = { Category.DATABASE })
public class StoreEndpoint extends DefaultEndpoint {

    @UriPath(description = "The store's name, as under bizmaster.stores")
    @Metadata(required = true)
    private final String store;

    StoreEndpoint(String uri, StoreComponent component, String store) {
        super(uri, component);
        this.store = store;
    }

    @Override
    public StoreComponent getComponent() {
        return (StoreComponent) super.getComponent();
    }

    public String getStore() {
        return store;
    }

    @Override
    public Producer createProducer() {
        return new StoreProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("bizmaster-store:" + store + " is written to, not consumed: a store's "
                + "commands come from the command log (the route's read step)");
    }
}
