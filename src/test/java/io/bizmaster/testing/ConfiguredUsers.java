package io.bizmaster.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * REST users configured the way an operator does it ({@code bizmaster.security.users.NAME}, the password in a file
 * of its own), for a test that asks as a given role. With configured users nothing is generated.
 */
public final class ConfiguredUsers {

    private ConfiguredUsers() {
    }

    /** Adds user {@code name} with {@code role}; its password file goes into the application's folder. */
    public static void add(DynamicPropertyRegistry registry, ApplicationFolder folder, String name, String role,
                           String password) {
        try {
            Path file = folder.data().resolve(name + ".password");
            Files.writeString(file, password + "\n");
            registry.add("bizmaster.security.users." + name + ".password-file", file::toString);
            registry.add("bizmaster.security.users." + name + ".roles", () -> role);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
