package io.bizmaster.cli;

import java.io.PrintStream;

/**
 * Where a verb writes. Its result goes to standard output; with {@code --json} that is the JSON alone, so while the
 * verb runs standard output is pointed at standard error: the human lines, progress, and whatever the code it runs
 * prints (Spring Boot's and Artemis' logs, which write to {@code System.out}) end up there, not in the JSON.
 */
final class Output implements AutoCloseable {

    private final PrintStream result;
    private final boolean json;

    private Output(PrintStream result, boolean json) {
        this.result = result;
        this.json = json;
    }

    static Output open(JsonOption option) {
        return open(option.json);
    }

    static Output open(boolean json) {
        PrintStream stdout = System.out;
        if (json) {
            System.setOut(System.err);
        }
        return new Output(stdout, json);
    }

    boolean json() {
        return json;
    }

    /** Human lines and progress: standard output, or standard error with --json. */
    PrintStream text() {
        return json ? System.err : result;
    }

    /** The JSON result, on the real standard output. */
    void json(String json) {
        result.println(json);
        result.flush();
    }

    @Override
    public void close() {
        if (json) {
            System.setOut(result);
        }
    }
}
