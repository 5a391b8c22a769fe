package io.bizmaster.pipeline.store;

import io.bizmaster.apply.StoreApplier;
import io.bizmaster.store.StoreRegistry;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code bizmaster-store:NAME}: a store, through its connector, as a Camel endpoint. A producer only: it writes the
 * converted batch in the body and the new checkpoint in one step (one transaction, or one fenced script).
 */
@org.apache.camel.spi.annotations.Component("bizmaster-store")
public class StoreComponent extends DefaultComponent {

    @Metadata(label = "advanced", autowired = true, description = "BizMaster's applier")
    private StoreApplier applier;
    @Metadata(label = "advanced", autowired = true, description = "BizMaster's stores")
    private StoreRegistry stores;

    public StoreComponent() {
    }

    public StoreComponent(StoreApplier applier, StoreRegistry stores) {
        this.applier = applier;
        this.stores = stores;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining.isBlank()) {
            throw new IllegalArgumentException("bizmaster-store endpoint '" + uri + "' names no store");
        }
        stores.get(remaining);
        StoreEndpoint endpoint = new StoreEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    StoreApplier applier() {
        return applier;
    }

    StoreRegistry stores() {
        return stores;
    }

    public void setApplier(StoreApplier applier) {
        this.applier = applier;
    }

    public StoreApplier getApplier() {
        return applier;
    }

    public void setStores(StoreRegistry stores) {
        this.stores = stores;
    }

    public StoreRegistry getStores() {
        return stores;
    }
}
