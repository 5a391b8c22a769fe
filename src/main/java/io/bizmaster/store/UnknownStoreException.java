package io.bizmaster.store;

import java.util.Set;

public class UnknownStoreException extends RuntimeException {

    public UnknownStoreException(String name, Set<String> known) {
        super("no store named '" + name + "'; registered stores: " + known);
    }
}
