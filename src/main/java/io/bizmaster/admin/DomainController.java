package io.bizmaster.admin;

import io.bizmaster.domain.Domain;
import io.bizmaster.domain.Domains;
import io.bizmaster.domain.Publication;
import io.bizmaster.domain.StoreFeed;
import io.bizmaster.domain.Subscription;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/domains}: the command domains, each with its intake queue, its head (the last of its own numbers),
 * its types, what it publishes to whom, and which stores it feeds; the subscriber stores with what they receive.
 */
@RestController
public class DomainController {

    private final Domains domains;
    private final CommandLog log;
    private final StoreRegistry stores;

    public DomainController(Domains domains, CommandLog log, StoreRegistry stores) {
        this.domains = domains;
        this.log = log;
        this.stores = stores;
    }

    /** One domain as an operator reads it. {@code head}: the default domain's is the log's, since it has no numbering of its own. */
    public record DomainView(String name, String queue, long head, List<String> types, List<PublicationView> publications,
                             List<String> stores) {
    }

    public record PublicationView(String name, String description, List<String> types, List<String> fields,
                                  List<String> subscribers) {
    }

    /** A subscriber store: each publication it receives, narrowed by types and field values (none: all of it). */
    public record SubscriberView(String store, List<SubscriptionView> subscriptions) {
    }

    public record SubscriptionView(String publication, List<String> types, Map<String, List<String>> where) {
    }

    public record DomainsView(List<DomainView> domains, List<SubscriberView> subscribers) {
    }

    @GetMapping("/api/domains")
    @Operation(summary = "The command domains (the default one first): intake queue, head of its own numbering, types, "
            + "publications and the stores each feeds; and the subscriber stores with their subscriptions (docs/READ-MODELS.md)")
    @ApiResponse(responseCode = "200", description = "{domains: [{name, queue, head, types, publications: [{name, "
            + "description, types, fields, subscribers}], stores}], subscribers: [{store, subscriptions: [{publication, "
            + "types, where}]}]}")
    public DomainsView domains() {
        Map<String, Long> heads = log.domainHeads();
        List<DomainView> views = new ArrayList<>();
        for (Domain domain : domains.all()) {
            long head = domain.isDefault() ? log.head() : heads.getOrDefault(domain.name(), 0L);
            List<PublicationView> publications = new TreeMap<>(domain.publications()).values().stream()
                    .map(DomainController::view).toList();
            List<String> fed = stores.all().stream().map(Store::name)
                    .filter(store -> domains.feed(store) instanceof StoreFeed.DomainFeed feed && feed.domain().equals(domain.name()))
                    .sorted().toList();
            views.add(new DomainView(domain.name(), domain.queue(), head, domain.catalog().types().stream().sorted().toList(),
                    publications, fed));
        }
        List<SubscriberView> subscribers = new ArrayList<>();
        for (Store store : stores.all().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
            if (domains.feed(store.name()) instanceof StoreFeed.SubscriberFeed feed) {
                subscribers.add(new SubscriberView(store.name(), feed.subscriptions().stream().map(DomainController::view).toList()));
            }
        }
        return new DomainsView(views, subscribers);
    }

    private static PublicationView view(Publication p) {
        return new PublicationView(p.publicName(), p.description(), p.types().stream().sorted().toList(), p.fields(),
                p.subscribers().stream().sorted().toList());
    }

    private static SubscriptionView view(Subscription s) {
        return new SubscriptionView(s.publication().publicName(), s.types().stream().sorted().toList(), new TreeMap<>(s.where()));
    }
}
