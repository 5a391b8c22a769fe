package io.bizmaster.store;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The registered stores and how they are fed.
 *
 * @param stores        by name
 * @param applyBatch    how many logged commands a store applies per transaction when it is behind
 * @param convertersDir where the b_converter definitions and store schemas live
 */
@ConfigurationProperties("bizmaster")
public record StoresProperties(
        Map<String, StoreProperties> stores,
        @DefaultValue("500") int applyBatch,
        @DefaultValue("converters") java.nio.file.Path convertersDir) {

    public StoresProperties {
        stores = stores == null ? Map.of() : new LinkedHashMap<>(stores);
    }
}
