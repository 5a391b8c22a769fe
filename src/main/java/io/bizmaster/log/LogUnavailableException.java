package io.bizmaster.log;



/** The business store could not be read or written; the caller's transaction must roll back and retry. */
public class LogUnavailableException extends RuntimeException {

    public LogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
