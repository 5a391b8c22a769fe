package io.bizmaster.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Where the chaos profile unpacked the Artemis distribution (pom.xml, profile chaos); a test outside it is skipped. */
public final class ArtemisDistribution {

    private ArtemisDistribution() {
    }

    public static Path home() {
        String home = System.getProperty("chaos.artemis-home");
        Assumptions.assumeTrue(home != null && Files.isDirectory(Path.of(home)),
                "the Artemis distribution is unpacked by the chaos profile: run mvn -Pchaos test");
        return Path.of(home);
    }
}
