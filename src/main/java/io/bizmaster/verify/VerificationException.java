package io.bizmaster.verify;



/** A verification that cannot go on; the message names the stores, entity, key and seq involved. */
public class VerificationException extends RuntimeException {

    public VerificationException(String message) {
        super(message);
    }

    public VerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
