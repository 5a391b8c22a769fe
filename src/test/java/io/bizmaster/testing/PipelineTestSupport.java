package io.bizmaster.testing;

import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application in one temporary folder and on free ports, shared: test classes extending this share one running
 * application (one Spring context); each test uses its own ids and keys. A class that needs other settings extends
 * {@link RunningApplication} with an {@link ApplicationFolder} of its own.
 */
public abstract class PipelineTestSupport extends RunningApplication {

    private static final ApplicationFolder FOLDER = ApplicationFolder.create("bizmaster-test");
    protected static final Path DATA = FOLDER.data();
    protected static final int BROKER_PORT = FOLDER.brokerPort();

    @DynamicPropertySource
    static void embeddedDefaultInTempDir(DynamicPropertyRegistry registry) {
        FOLDER.register(registry);
    }
}
