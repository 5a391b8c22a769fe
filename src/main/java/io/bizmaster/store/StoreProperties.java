package io.bizmaster.store;

import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One store as declared under {@code bizmaster.stores.NAME}.
 *
 * @param role      primary, shadow or detached
 * @param converter the b_converter it runs, {@code name@version}
 * @param connector the connector's name ({@code jdbc})
 * @param options   the connector's options, checked against what the connector declares
 */
public record StoreProperties(
        StoreRole role,
        String converter,
        @DefaultValue("jdbc") String connector,
        Map<String, String> options) {
}
