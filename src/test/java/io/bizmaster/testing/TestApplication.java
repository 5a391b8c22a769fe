package io.bizmaster.testing;

import io.bizmaster.BizMasterApplication;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application by hand, for tests that stop and start it over one data folder, or that run
 * it against other databases. Each instance gets its own ports and in-VM broker id.
 */
public final class TestApplication {

    private final Map<String, Object> settings = new LinkedHashMap<>();

    private TestApplication(Path data) {
        settings.put("bizmaster.broker.data-dir", data.resolve("artemis"));
        settings.put("bizmaster.broker.port", TestPorts.free());
        settings.put("bizmaster.broker.in-vm-id", ThreadLocalRandom.current().nextInt(1000, 1_000_000));
        settings.put("server.port", 0);
        settings.put("spring.datasource.url", "jdbc:h2:file:" + data.resolve("bizmaster"));
        settings.put("bizmaster.stores.legacy.options.url", "jdbc:h2:file:" + data.resolve("stores/legacy"));
        settings.put("bizmaster.stores.modern.options.url", "jdbc:h2:file:" + data.resolve("stores/modern"));
        settings.put("bizmaster.security.credentials-file", data.resolve("operator.credentials"));
    }

    /** The embedded default with everything under {@code data}. */
    public static TestApplication inFolder(Path data) {
        return new TestApplication(data);
    }

    public TestApplication with(String name, Object value) {
        settings.put(name, value);
        return this;
    }

    public ConfigurableApplicationContext start() {
        String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(BizMasterApplication.class).run(args);
    }
}
