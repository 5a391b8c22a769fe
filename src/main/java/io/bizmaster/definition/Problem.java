package io.bizmaster.definition;



/**
 * One thing wrong in a definition file.
 *
 * @param path    where, as a JSON pointer into the file's tree ({@code /mapping/0/table}); empty for the whole file
 * @param line    the 1-based line the path starts on, or 0 when the file does not have it (a missing key)
 * @param message what is wrong, for the operator who wrote it
 */
public record Problem(String path, int line, String message) {

    /** {@code mapping[0].table}: the path as an operator reads it. */
    public String displayPath() {
        return DefinitionPaths.display(path);
    }

    /** {@code file:12: mapping[0].table: must match [A-Za-z_]...}. */
    public String describe(String origin) {
        String where = path.isEmpty() ? "" : displayPath() + ": ";
        return origin + (line > 0 ? ":" + line : "") + ": " + where + message;
    }
}
