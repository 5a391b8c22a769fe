package io.bizmaster.routes;

/**
 * One thing wrong in the route files.
 *
 * @param file    the file as the user knows it ({@code routes/intake.camel.yaml}), or the folder for what no file has
 * @param line    the 1-based line, or 0 when the problem is something missing from the file
 * @param message what is wrong, then in parentheses what to do
 */
public record RouteProblem(String file, int line, String message) {

    /** {@code routes/intake.camel.yaml:21: route 'intake': ...}. */
    public String describe() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
