package io.bizmaster.migrate;

import io.bizmaster.log.BusinessStoreLocation;
import io.bizmaster.store.ConverterRef;
import java.util.Optional;

/**
 * Seed scenario 6, a log move: the business store (command log and BizMaster's own tables) moves to {@code targetLog}
 * while commands keep flowing.
 */
public record LogMovePlan(BusinessStoreLocation targetLog) implements MigrationPlan {

    @Override
    public String kind() {
        return "log";
    }

    @Override
    public String from() {
        return "(business store)";
    }

    @Override
    public String to() {
        return "(target-log)";
    }

    @Override
    public String method() {
        return "COPY";
    }

    @Override
    public Optional<ConverterRef> converter() {
        return Optional.empty();
    }
}
