package io.bizmaster.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Where one test application runs: its folder (journal, H2 files, generated credentials), its broker port and in-VM
 * id. Two applications in one JVM must not share any of them: a broker would wait for the other's journal lock.
 */
public record ApplicationFolder(Path data, int brokerPort, int inVmId) {

    public static ApplicationFolder create(String prefix) {
        try {
            return new ApplicationFolder(Files.createTempDirectory(prefix), TestPorts.free(),
                    ThreadLocalRandom.current().nextInt(1000, 1_000_000));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For a {@code @DynamicPropertySource}: the embedded default, everything in this folder. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("bizmaster.broker.data-dir", () -> data.resolve("artemis").toString());
        registry.add("bizmaster.broker.port", () -> brokerPort);
        registry.add("bizmaster.broker.in-vm-id", () -> inVmId);
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + data.resolve("bizmaster"));
        registry.add("bizmaster.stores.legacy.options.url", () -> "jdbc:h2:file:" + data.resolve("stores/legacy"));
        registry.add("bizmaster.stores.modern.options.url", () -> "jdbc:h2:file:" + data.resolve("stores/modern"));
        registry.add("bizmaster.security.credentials-file", () -> data.resolve("operator.credentials").toString());
    }
}
