package io.bizmaster.apply;

import io.bizmaster.log.LogEntry;

/** A store could not apply one command; names everything an operator needs to find it. */
public class ApplyException extends RuntimeException {

    private final String store;
    private final long seq;
    private final String commandId;

    public ApplyException(String store, LogEntry entry, Throwable cause) {
        super("store '" + store + "' cannot apply command " + entry.commandId() + " (" + entry.type() + ", key "
                + entry.key() + ") at seq " + entry.seq() + ": " + rootMessage(cause), cause);
        this.store = store;
        this.seq = entry.seq();
        this.commandId = entry.commandId();
    }

    public String store() {
        return store;
    }

    public long seq() {
        return seq;
    }

    public String commandId() {
        return commandId;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + root.getMessage() + ")";
    }
}
