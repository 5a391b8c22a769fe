package io.bizmaster.cli;

import io.bizmaster.security.GeneratedCredentials;
import java.io.Console;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/** Who the CLI is to the server: from the environment, the generated credentials file, or a prompt. */
record CliCredentials(String user, String password, String from) {

    /**
     * From the environment, else from {@code file}. A file the operator named ({@code given}) must be readable; the
     * default one may be missing (then the server's answer says what to do), but one that is there and cannot be read
     * is said so.
     */
    static Optional<CliCredentials> find(Function<String, String> env, Path file, boolean given) {
        String password = env.apply("BIZMASTER_PASSWORD");
        if (password != null && !password.isEmpty()) {
            String user = env.apply("BIZMASTER_USER");
            return Optional.of(new CliCredentials(user == null || user.isBlank() ? GeneratedCredentials.OPERATOR : user, password,
                    "BIZMASTER_USER/BIZMASTER_PASSWORD"));
        }
        if (given || Files.exists(file)) {
            CliFiles.checkReadable(file);
        }
        if (Files.isRegularFile(file)) {
            GeneratedCredentials.Credentials read = GeneratedCredentials.read(file);
            return Optional.of(new CliCredentials(read.user(), read.password(), file.toString()));
        }
        return Optional.empty();
    }

    /** Asks on the terminal; empty when there is none (a script, a pipe). */
    static Optional<CliCredentials> prompt(String url) {
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        String user = console.readLine("User for %s: ", url);
        char[] password = console.readPassword("Password: ");
        if (user == null || password == null) {
            return Optional.empty();
        }
        return Optional.of(new CliCredentials(user.strip(), new String(password), "the prompt"));
    }

    @Override
    public String toString() {
        return "CliCredentials[user=" + user + ", password=******, from=" + from + "]";
    }
}
