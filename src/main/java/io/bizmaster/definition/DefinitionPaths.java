package io.bizmaster.definition;

import java.util.regex.Pattern;

/** JSON pointers as the loader keeps them, and as an operator reads them. */
public final class DefinitionPaths {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern INDEX = Pattern.compile("\\d+");

    private DefinitionPaths() {
    }

    /** A child of {@code parent}: {@code child("/mapping", "0")} is {@code /mapping/0}. */
    public static String child(String parent, String segment) {
        return parent + "/" + segment.replace("~", "~0").replace("/", "~1");
    }

    /** {@code /types/customer.registered/payload/name} reads {@code types['customer.registered'].payload.name}. */
    public static String display(String pointer) {
        if (pointer.isEmpty()) {
            return "(the file)";
        }
        StringBuilder out = new StringBuilder();
        for (String raw : pointer.substring(1).split("/", -1)) {
            String segment = raw.replace("~1", "/").replace("~0", "~");
            if (INDEX.matcher(segment).matches() && !out.isEmpty()) {
                out.append('[').append(segment).append(']');
            } else if (PLAIN.matcher(segment).matches()) {
                out.append(out.isEmpty() ? "" : ".").append(segment);
            } else {
                out.append(out.isEmpty() ? "" : "").append("['").append(segment.replace("'", "\\'")).append("']");
            }
        }
        return out.toString();
    }
}
