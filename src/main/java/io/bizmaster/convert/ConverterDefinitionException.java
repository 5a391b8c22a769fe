package io.bizmaster.convert;

/**
 * A converter file that cannot be used: bad YAML, a bad table or column name, a bad expression.
 * The message names the file, the line and the place in it, and what was expected there.
 */
public class ConverterDefinitionException extends RuntimeException {

    public ConverterDefinitionException(String message) {
        super(message);
    }

    public ConverterDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
