package io.bizmaster.store;

import java.util.Map;

/**
 * One converted change to a record of a record store: the entity (what a table is in SQL), the record's key, and the
 * fields. Made by a converter's operation from one command (its seq and id travel with it for messages).
 *
 * @param fields the values to set; a null value removes the field (absent is how a record store says null)
 * @param adds   for {@link Kind#INCREMENT}: how much each field grows by
 */
public record RecordChange(Kind kind, String entity, String key, Map<String, String> fields, Map<String, Number> adds,
                           long seq, String commandId) {

    public enum Kind {
        /** Sets the fields, creating the record if it is not there (SQL's upsert). */
        UPSERT,
        /** Creates the record with these fields unless it is there. */
        INSERT,
        /** Sets the fields of the record if it is there. */
        UPDATE,
        /** Adds to the fields of the record if it is there. */
        INCREMENT,
        /** Removes the record. */
        DELETE
    }
}
