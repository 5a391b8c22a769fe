package io.bizmaster.pipeline.store;

import io.bizmaster.apply.StoreApplier;
import io.bizmaster.apply.StoreBatch;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The store-apply route's read step ({@code process: {ref: logReader}}): the next batch of logged commands after the
 * store's checkpoint, up to the seq the feed message announced ({@code BizSeq}), as the body ({@link StoreBatch}).
 */
public class LogReader implements Processor {

    private final StoreApplier applier;

    public LogReader(StoreApplier applier) {
        this.applier = applier;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String store = exchange.getMessage().getHeader(StoreHeaders.STORE, String.class);
        long upTo = exchange.getMessage().getHeader(StoreHeaders.SEQ, 0L, Long.class);
        StoreBatch batch = applier.read(store, upTo);
        exchange.getMessage().setBody(batch);
        if (batch.isEmpty()) {
            exchange.getMessage().setHeader(StoreHeaders.BEHIND, false);
        }
    }
}
