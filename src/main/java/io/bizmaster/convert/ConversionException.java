package io.bizmaster.convert;



/** A command could not be turned into changes by a converter (a missing value, a bad cast...). */
public class ConversionException extends RuntimeException {

    public ConversionException(String message) {
        super(message);
    }

    public ConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}
