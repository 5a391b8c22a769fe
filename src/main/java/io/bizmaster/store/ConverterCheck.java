package io.bizmaster.store;

import java.util.Optional;

/**
 * What the converters say about a store's converter at start-up, so that a wrong one is reported with every other
 * problem of the stores' configuration. Implemented by the converter registry: the stores know converters only by
 * their {@link ConverterRef}.
 */
@FunctionalInterface
public interface ConverterCheck {

    /** Why the store cannot run this converter (unknown, unreadable), or empty when it can. */
    Optional<String> problem(ConverterRef ref);
}
