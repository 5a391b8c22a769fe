package io.bizmaster.migrate;



/** No migration has this id. */
public class UnknownMigrationException extends RuntimeException {

    public UnknownMigrationException(String id) {
        super("no migration '" + id + "'; list them with GET /api/migrations (migrate status)");
    }
}
