package io.bizmaster.migrate;



/** A freeze gives up: over its budget, or a check failed. The caller resumes the intake on the old side. */
public final class FreezeAborted extends Exception {

    public FreezeAborted(String message) {
        super(message);
    }
}
