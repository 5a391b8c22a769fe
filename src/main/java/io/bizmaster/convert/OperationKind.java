package io.bizmaster.convert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The five things a converter operation can do to a table; the YAML word is the lower-case name. */
enum OperationKind {
    INSERT, UPSERT, UPDATE, INCREMENT, DELETE;

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<OperationKind> ofWord(String word) {
        return Arrays.stream(values()).filter(k -> k.word().equals(word)).findFirst();
    }

    /** Whether zero rows affected means the target row was not there (as opposed to "nothing to do"). */
    boolean matchesRows() {
        return this == UPDATE || this == INCREMENT || this == DELETE;
    }
}
