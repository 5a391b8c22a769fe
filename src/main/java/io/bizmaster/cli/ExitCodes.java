package io.bizmaster.cli;

/**
 * What every verb's exit code means, in one place: the verbs return these, {@code --help} lists them (picocli's
 * exit code list on the top command, inherited by every verb) and the README's table says the same.
 */
final class ExitCodes {

    /** Done: the command did what was asked, the answer is yes (e.g. verify: the stores are equal). */
    static final int OK = 0;
    /**
     * The answer is no: verify found differences, a replay or migration failed or was cancelled while followed, the
     * server refused the request (4xx; verify keeps 1 for "different" and calls a refusal 2), some commands could not
     * be posted, the demo's stores did not catch up, a connector jar could not be loaded.
     */
    static final int NO = 1;
    /**
     * It could not be done: bad usage, a file that cannot be read, BizMaster not answering or refusing the
     * credentials, a server error (5xx), a verification refused or failed, a start-up that failed.
     */
    static final int ERROR = 2;
    /** verify only: no difference found, but keys still changing at the settle timeout could not be compared. */
    static final int INCONCLUSIVE = 3;

    // The lines of --help's "Exit codes:" list (annotation values: constants, kept beside the codes they describe).
    static final String HEADING = "%nExit codes:%n";
    static final String OK_LINE = "0:done; the answer is yes (verify: equal)";
    static final String NO_LINE = "1:the answer is no: verify found differences, a replay or migration FAILED (or was "
            + "cancelled while followed), the server refused the request (4xx; not verify's, see 2), some commands were "
            + "not posted, the demo's stores did not catch up, a connector jar could not be loaded";
    static final String ERROR_LINE = "2:could not do it: bad usage, a missing or unreadable file, BizMaster not "
            + "answering or refusing the credentials, a server error (5xx), a verification refused or failed, a "
            + "start-up that failed";
    static final String INCONCLUSIVE_LINE = "3:verify only: inconclusive (keys still changing when it had to stop)";

    private ExitCodes() {
    }

    /** A server's answer as an exit code: 2xx done, 4xx the server said no, anything else an error. */
    static int of(int httpStatus) {
        if (httpStatus / 100 == 2) {
            return OK;
        }
        return httpStatus / 100 == 4 ? NO : ERROR;
    }
}
