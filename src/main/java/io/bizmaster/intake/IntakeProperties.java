package io.bizmaster.intake;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param catalog         the command catalogue: which command types the core honours and their payloads
 * @param maxCommandBytes larger messages are rejected unread
 */
@ConfigurationProperties("bizmaster.intake")
public record IntakeProperties(
        @DefaultValue("commands/catalog.yaml") Path catalog,
        @DefaultValue("65536") int maxCommandBytes) {
}
