package io.bizmaster.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --timeout} of the verbs that follow an operation on the server ({@code replay --wait},
 * {@code migrate status --follow}): they stop following, never the operation.
 */
final class FollowTimeout {

    @Option(names = "--timeout", paramLabel = "DURATION", description = "stop following after this long, e.g. PT30M "
            + "(exit 1; the operation goes on on the server); default: until it ends")
    Duration timeout;

    /** The {@link System#nanoTime()} after which to stop; a timeout that is not positive is a {@link CliProblem}. */
    long deadline() {
        if (timeout == null) {
            return Long.MAX_VALUE;
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new CliProblem("--timeout must be positive, got " + timeout);
        }
        return System.nanoTime() + timeout.toNanos();
    }

    boolean given() {
        return timeout != null;
    }

    @Override
    public String toString() {
        return String.valueOf(timeout);
    }
}
