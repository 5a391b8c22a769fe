package io.bizmaster.log;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param tailEntries how many of the latest appended log entries stay in memory, so that stores keeping up
 *                    with the intake need not read them back from the business store (0 turns this off)
 */
@ConfigurationProperties("bizmaster.log")
public record LogProperties(@DefaultValue("20000") int tailEntries) {

    public LogProperties {
        if (tailEntries < 0) {
            throw new IllegalArgumentException("bizmaster.log.tail-entries must be 0 or more, got " + tailEntries);
        }
    }
}
