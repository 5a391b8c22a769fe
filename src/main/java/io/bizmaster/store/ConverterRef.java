package io.bizmaster.store;

import java.util.regex.Pattern;

/** A converter name and version as stores name them: {@code legacy@1}. */
public record ConverterRef(String name, int version) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

    public ConverterRef {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("converter name '" + name + "' must match " + NAME.pattern());
        }
        if (version < 1) {
            throw new IllegalArgumentException("converter version must be 1 or more, got " + version);
        }
    }

    public static ConverterRef parse(String text) {
        int at = text == null ? -1 : text.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("converter '" + text + "' must be written name@version, e.g. legacy@1");
        }
        try {
            return new ConverterRef(text.substring(0, at), Integer.parseInt(text.substring(at + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("converter '" + text + "' has a version that is not a number");
        }
    }

    @Override
    public String toString() {
        return name + "@" + version;
    }
}
