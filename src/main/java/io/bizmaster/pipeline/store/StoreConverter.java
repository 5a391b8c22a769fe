package io.bizmaster.pipeline.store;

import io.bizmaster.apply.StoreApplier;
import io.bizmaster.apply.StoreBatch;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The store-apply route's convert step ({@code process: {ref: bConverter}}): the batch through the store's b_converter,
 * as the body ({@link io.bizmaster.apply.ConvertedBatch}); nothing touches the store yet.
 */
public class StoreConverter implements Processor {

    private final StoreApplier applier;

    public StoreConverter(StoreApplier applier) {
        this.applier = applier;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        StoreBatch batch = exchange.getMessage().getMandatoryBody(StoreBatch.class);
        exchange.getMessage().setBody(applier.convert(batch));
    }
}
