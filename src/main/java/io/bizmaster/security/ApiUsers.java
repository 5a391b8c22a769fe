package io.bizmaster.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The users of the REST API and Actuator, from {@link SecurityProperties}: every problem of every user reported at
 * once, and no password ever in a message.
 */
final class ApiUsers {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern ENV = Pattern.compile("[A-Z_][A-Z0-9_]*");

    /**
     * For a password BizMaster read itself (generated, or from a file or the environment): the hash lives only in this
     * process's memory and is never stored, so a high work factor would protect nothing and cost every request.
     */
    private static final PasswordEncoder IN_MEMORY = new BCryptPasswordEncoder(4);

    /** The one-way hashes accepted in configuration (what Spring Security's delegating encoder matches). */
    private static final java.util.Set<String> HASHES = java.util.Set.of("bcrypt", "argon2", "argon2@SpringSecurity_v5_8",
            "pbkdf2", "pbkdf2@SpringSecurity_v5_8", "scrypt", "scrypt@SpringSecurity_v5_8");

    private ApiUsers() {
    }

    /** The configured users; {@code env} reads an environment variable (a parameter so tests can give their own). */
    static List<UserDetails> configured(SecurityProperties properties, Function<String, String> env) {
        List<String> problems = new ArrayList<>();
        List<UserDetails> users = new ArrayList<>();
        for (Map.Entry<String, SecurityProperties.User> entry : properties.users().entrySet()) {
            String name = entry.getKey();
            SecurityProperties.User user = entry.getValue();
            String where = "bizmaster.security.users." + name;
            if (!NAME.matcher(name).matches()) {
                problems.add(where + ": a user name must match " + NAME.pattern());
            }
            int sources = (user.passwordHash() != null ? 1 : 0) + (user.passwordFile() != null ? 1 : 0)
                    + (user.passwordEnv() != null ? 1 : 0);
            if (sources != 1) {
                problems.add(where + ": give exactly one of password-hash, password-file, password-env (got " + sources + ")");
                continue;
            }
            String encoded = null;
            if (user.passwordHash() != null) {
                String id = user.passwordHash().matches("\\{[A-Za-z0-9@_.-]+}.+")
                        ? user.passwordHash().substring(1, user.passwordHash().indexOf('}')) : null;
                if (id == null || !HASHES.contains(id)) {
                    problems.add(where + ".password-hash: expected a hash in Spring Security's {id}hash form with id one of "
                            + HASHES + ", e.g. {bcrypt}$2a$10$… (a plain {noop} password does not belong in configuration)");
                } else {
                    encoded = user.passwordHash();
                }
            } else if (user.passwordFile() != null) {
                try {
                    String secret = Files.readString(user.passwordFile(), StandardCharsets.UTF_8).strip();
                    if (secret.isEmpty()) {
                        problems.add(where + ".password-file: " + user.passwordFile() + " is empty");
                    } else {
                        encoded = "{bcrypt}" + IN_MEMORY.encode(secret);
                    }
                } catch (IOException e) {
                    problems.add(where + ".password-file: cannot read " + user.passwordFile() + " (" + e.getClass().getSimpleName() + ")");
                }
            } else {
                String var = user.passwordEnv();
                String secret = ENV.matcher(var).matches() ? env.apply(var) : null;
                if (!ENV.matcher(var).matches()) {
                    problems.add(where + ".password-env: '" + var + "' is not an environment variable name");
                } else if (secret == null || secret.isBlank()) {
                    problems.add(where + ".password-env: the environment variable " + var + " is not set");
                } else {
                    encoded = "{bcrypt}" + IN_MEMORY.encode(secret);
                }
            }
            if (encoded != null && user.roles() != null && !user.roles().isEmpty()) {
                users.add(User.withUsername(name).password(encoded)
                        .authorities(user.roles().stream().map(Role::authority).toArray(String[]::new)).build());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid users:\n  - " + String.join("\n  - ", problems));
        }
        return users;
    }

    /** The generated operator of the embedded default, with both roles. */
    static UserDetails generated(GeneratedCredentials.Credentials credentials) {
        return User.withUsername(credentials.user()).password("{bcrypt}" + IN_MEMORY.encode(credentials.password()))
                .authorities(Role.OPERATOR.authority(), Role.VIEWER.authority()).build();
    }
}
