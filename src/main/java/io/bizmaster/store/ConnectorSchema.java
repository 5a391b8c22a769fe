package io.bizmaster.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connector's options as JSON Schema (draft 2020-12), the way a Kamelet declares its properties: what an editor or a
 * deployment tool can check a store's {@code options} against before BizMaster ever starts.
 */
public final class ConnectorSchema {

    private ConnectorSchema() {
    }

    public static Map<String, Object> of(Connector connector) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "urn:bizmaster:connector:" + connector.name());
        schema.put("title", connector.name());
        schema.put("description", connector.description());
        schema.put("type", "object");
        List<String> required = new ArrayList<>();
        Map<String, Object> properties = new LinkedHashMap<>();
        for (ConnectorOption option : connector.options()) {
            Map<String, Object> property = new LinkedHashMap<>(option.type().schema());
            property.put("description", option.description());
            if (option.defaultValue() != null) {
                property.put("default", typed(option));
            }
            if (option.secret()) {
                property.put("format", "password");
                property.put("writeOnly", true);
            }
            properties.put(option.name(), property);
            if (option.required()) {
                required.add(option.name());
            }
        }
        schema.put("required", required);
        schema.put("properties", properties);
        schema.put("additionalProperties", false);
        ConnectorCapabilities capabilities = connector.capabilities();
        Map<String, Object> declared = new LinkedHashMap<>();
        declared.put("checkpointing", capabilities.checkpointing().name().toLowerCase().replace('_', '-'));
        declared.put("verifiable", capabilities.verifiable());
        declared.put("replayable", capabilities.replayable());
        schema.put("x-bizmaster-capabilities", declared);
        return schema;
    }

    /** The default as the schema's type has it: 4, not "4". */
    private static Object typed(ConnectorOption option) {
        if (option.type() instanceof OptionType.WholeNumber) {
            return Long.parseLong(option.defaultValue());
        }
        if (option.type() instanceof OptionType.Flag) {
            return Boolean.parseBoolean(option.defaultValue());
        }
        return option.defaultValue();
    }
}
