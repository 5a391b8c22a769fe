package io.bizmaster.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Copies of artemis/broker.xml with one setting changed, for tests that need the broker to behave otherwise. */
public final class BrokerConfigs {

    private BrokerConfigs() {
    }

    /**
     * artemis/broker.xml (with its users and roles) in {@code dir}, the store feed's redelivery held ten minutes back:
     * a store that resumes sooner was woken by its probe, not by a redelivery.
     */
    public static Path slowFeedRedelivery(Path dir) throws IOException {
        Files.createDirectories(dir);
        String xml = Files.readString(Path.of("artemis/broker.xml"));
        String feed = xml.substring(xml.indexOf("<address-setting match=\"biz.feed\">"));
        feed = feed.substring(0, feed.indexOf("</address-setting>"));
        String slow = feed.replaceAll("<redelivery-delay>\\d+</redelivery-delay>", "<redelivery-delay>600000</redelivery-delay>")
                .replaceAll("<max-redelivery-delay>\\d+</max-redelivery-delay>", "<max-redelivery-delay>600000</max-redelivery-delay>");
        assertThat(slow).contains("<redelivery-delay>600000</redelivery-delay>");
        Files.writeString(dir.resolve("broker.xml"), xml.replace(feed, slow));
        for (String file : List.of("artemis-users.properties", "artemis-roles.properties")) {
            Files.copy(Path.of("artemis", file), dir.resolve(file));
        }
        return dir.resolve("broker.xml");
    }
}
