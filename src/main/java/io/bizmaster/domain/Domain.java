package io.bizmaster.domain;

import io.bizmaster.command.CommandCatalog;
import io.bizmaster.command.CommandParser;
import java.util.Map;

/**
 * A command domain: one service's commands, with its own catalogue, intake queue and numbering in the log, and what it
 * publishes to subscriber stores.
 *
 * @param publications by public name ({@code crm.customer@1})
 */
public record Domain(String name, String queue, CommandCatalog catalog, CommandParser parser,
                     Map<String, Publication> publications) {

    public Domain {
        publications = Map.copyOf(publications);
    }

    public boolean isDefault() {
        return Domains.DEFAULT.equals(name);
    }

    /** The domain's name as the log keeps it: null for the default domain, whose entries predate domains. */
    public String logged() {
        return isDefault() ? null : name;
    }
}
