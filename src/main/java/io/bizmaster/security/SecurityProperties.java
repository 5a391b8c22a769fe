package io.bizmaster.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use the REST API and Actuator ({@code bizmaster.security.*}).
 *
 * <pre>
 * bizmaster:
 *   security:
 *     users:
 *       alice:   {password-hash: "{bcrypt}$2a$10$…", roles: [operator]}
 *       grafana: {password-file: /run/secrets/grafana, roles: [viewer]}
 *       ci:      {password-env: BIZ_CI_PASSWORD, roles: [viewer]}
 * </pre>
 *
 * With no users configured (the embedded default) an operator password is generated on first start and kept in
 * {@code credentials-file}, readable by its owner only: the CLI on the same machine reads it from there.
 *
 * @param users           the configured users by name; empty: the generated operator
 * @param credentialsFile where the generated operator's credentials are kept
 */
@Validated
@ConfigurationProperties("bizmaster.security")
public record SecurityProperties(
        Map<String, @Valid User> users,
        @DefaultValue("data/operator.credentials") Path credentialsFile) {

    /**
     * One user. Exactly one of the three password sources: a hash in Spring Security's {@code {id}…} form (bcrypt,
     * argon2, pbkdf2), a file holding the password (a mounted secret), or an environment variable naming it.
     */
    public record User(
            String passwordHash,
            Path passwordFile,
            String passwordEnv,
            @NotEmpty(message = "give the user at least one role: viewer or operator") List<Role> roles) {
    }

    public SecurityProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
    }
}
