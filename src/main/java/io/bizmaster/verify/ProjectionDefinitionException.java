package io.bizmaster.verify;

/** A projections file that cannot be used, with the file, line and entity at fault in the message. */
public class ProjectionDefinitionException extends RuntimeException {

    public ProjectionDefinitionException(String message) {
        super(message);
    }

    public ProjectionDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
