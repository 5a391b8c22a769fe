package io.bizmaster.store;

import java.util.List;
import java.util.Map;

/**
 * Records of one entity read in one atomic step together with the store's checkpoint, so every record in it is as of
 * exactly that seq (a record store has no snapshot transactions; a page is its unit of consistency).
 *
 * @param records in key order (Unicode code points, as Redis orders its key index by bytes of UTF-8)
 */
public record RecordPage(long checkpoint, List<Record> records) {

    public RecordPage {
        records = List.copyOf(records);
    }

    /** One record: its key and its fields (a record store has no NULL: an absent field is one). */
    public record Record(String key, Map<String, String> fields) {
        public Record {
            fields = Map.copyOf(fields);
        }
    }
}
