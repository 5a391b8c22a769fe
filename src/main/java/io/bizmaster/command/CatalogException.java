package io.bizmaster.command;

/**
 * The command catalogue could not be loaded. The message names the file and, where it applies, the
 * command type and the field, e.g.
 * {@code commands/catalog.yaml: type 'customer.registered', field 'address.zip': unknown option 'maxlen' ...}.
 */
public class CatalogException extends RuntimeException {

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
