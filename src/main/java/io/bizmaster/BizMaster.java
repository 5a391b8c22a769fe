package io.bizmaster;

import io.bizmaster.cli.BizMasterCli;

/** Entry point of {@code java -jar bizmaster.jar VERB}. */
public final class BizMaster {

    private BizMaster() {
    }

    public static void main(String[] args) {
        int code = BizMasterCli.commandLine().execute(args);
        if (code != BizMasterCli.KEEP_RUNNING) {
            System.exit(code);
        }
    }
}
