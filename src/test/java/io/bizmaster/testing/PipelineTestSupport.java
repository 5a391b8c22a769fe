package io.bizmaster.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application in one temporary folder and on free ports, shared: test classes extending this share one running
 * application (one Spring context); each test uses its own ids and keys. A class that needs other settings extends
 * {@link RunningApplication} with a folder of its own (two brokers cannot share a journal).
 */
public abstract class PipelineTestSupport extends RunningApplication {

    protected static final Path DATA = tempDir();
    protected static final int BROKER_PORT = TestPorts.free();

    @DynamicPropertySource
    static void embeddedDefaultInTempDir(DynamicPropertyRegistry registry) {
        registry.add("bizmaster.broker.data-dir", () -> DATA.resolve("artemis").toString());
        registry.add("bizmaster.broker.port", () -> BROKER_PORT);
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + DATA.resolve("bizmaster"));
        registry.add("bizmaster.stores.legacy.options.url", () -> "jdbc:h2:file:" + DATA.resolve("stores/legacy"));
        registry.add("bizmaster.stores.modern.options.url", () -> "jdbc:h2:file:" + DATA.resolve("stores/modern"));
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("bizmaster-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
