package io.bizmaster.domain;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The command domains besides the default one, and the gateway's forwarding rules (docs/READ-MODELS.md).
 *
 * @param domains    by name: each its own catalogue, intake queue {@code biz.domain.NAME} and numbering
 * @param forwarding the forwarding rules file, or none
 */
@ConfigurationProperties("bizmaster")
public record DomainsProperties(Map<String, DomainProperties> domains, Path forwarding) {

    public DomainsProperties {
        domains = domains == null ? Map.of() : new LinkedHashMap<>(domains);
    }

    /**
     * @param catalog      the domain's command catalogue
     * @param publications what leaves the domain, under which public names, to which subscriber stores (none: nothing)
     */
    public record DomainProperties(Path catalog, Path publications) {
    }
}
