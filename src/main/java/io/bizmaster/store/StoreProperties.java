package io.bizmaster.store;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One store as declared under {@code bizmaster.stores.NAME}.
 *
 * @param role      primary, shadow or detached
 * @param converter the b_converter it runs, {@code name@version}
 * @param connector the connector's name ({@code jdbc})
 * @param options   the connector's options, checked against what the connector declares
 * @param domain    the command domain whose own commands it is fed (none: the default domain)
 * @param subscribe a subscriber store: fed what these publications of other domains hand it, nothing else
 */
public record StoreProperties(
        StoreRole role,
        String converter,
        @DefaultValue("jdbc") String connector,
        Map<String, String> options,
        String domain,
        List<Subscribe> subscribe) {

    public StoreProperties {
        subscribe = subscribe == null ? List.of() : List.copyOf(subscribe);
    }

    /**
     * One publication a subscriber store receives ({@code crm.customer@1}), optionally only some of its types and only
     * commands whose published field has one of the given values.
     */
    public record Subscribe(String publication, List<String> types, Map<String, List<String>> where) {

        public Subscribe {
            types = types == null ? List.of() : List.copyOf(types);
            where = where == null ? Map.of() : Map.copyOf(where);
        }
    }
}
