package io.bizmaster.pipeline.store;

import io.bizmaster.apply.ConvertedBatch;
import io.bizmaster.store.Store;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * The write step: the batch's changes and the checkpoint through the store's connector, what cannot be applied parked.
 * Sets {@code BizCheckpoint}, and {@code BizBehind} while the store moved but is still short of {@code BizSeq}.
 */
final class StoreProducer extends DefaultProducer {

    private final StoreEndpoint endpoint;

    StoreProducer(StoreEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ConvertedBatch batch = exchange.getMessage().getMandatoryBody(ConvertedBatch.class);
        if (!batch.store().equals(endpoint.getStore())) {
            throw new IllegalArgumentException("bizmaster-store:" + endpoint.getStore() + " was given a batch of store '"
                    + batch.store() + "'");
        }
        long upTo = exchange.getMessage().getHeader(StoreHeaders.SEQ, 0L, Long.class);
        long reached = endpoint.getComponent().applier().write(batch, upTo);
        Store store = endpoint.getComponent().stores().get(batch.store());
        exchange.getMessage().setHeader(StoreHeaders.CHECKPOINT, reached);
        exchange.getMessage().setHeader(StoreHeaders.BEHIND, reached < upTo && reached != batch.from() && !store.paused());
    }
}
