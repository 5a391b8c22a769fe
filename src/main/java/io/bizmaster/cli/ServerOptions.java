package io.bizmaster.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the running BizMaster answers and who the CLI is to it: every verb that talks to the server mixes this in.
 * Credentials never come from the command line (it shows in {@code ps} and the shell's history): from
 * {@code BIZMASTER_USER}/{@code BIZMASTER_PASSWORD}, else from the credentials file the server generated (in its
 * home's data/), else from a prompt on the terminal.
 */
final class ServerOptions {

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "BizMaster's HTTP address (default ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--credentials", paramLabel = "FILE",
            description = "the operator credentials BizMaster generated (default: data/operator.credentials in its "
                    + "home, see --home); BIZMASTER_USER and BIZMASTER_PASSWORD take precedence")
    Path credentials;

    @Mixin
    HomeOption home;

    Api api() {
        Path file = credentials != null ? credentials : home.resolve().resolve("data").resolve("operator.credentials");
        return new Api(url, CliCredentials.find(System::getenv, file, credentials != null), file);
    }
}
