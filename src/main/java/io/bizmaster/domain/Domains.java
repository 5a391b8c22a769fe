package io.bizmaster.domain;

import io.bizmaster.command.CommandCatalog;
import io.bizmaster.command.CommandCatalog.CommandType;
import io.bizmaster.command.CommandCatalog.FieldSpec;
import io.bizmaster.command.CommandParser;
import io.bizmaster.definition.DefinitionException;
import io.bizmaster.definition.DefinitionLoader;
import io.bizmaster.store.StoreProperties;
import io.bizmaster.store.StoreRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The command domains (docs/READ-MODELS.md): the default one, whose catalogue is {@code bizmaster.intake.catalog} and
 * whose queue is {@code biz.commands}, and the named ones of {@code bizmaster.domains}; what each publishes; and what
 * every store is fed. Everything is checked at start-up and every problem is reported at once.
 */
public final class Domains {

    public static final String DEFAULT = "default";
    /** The default domain's intake queue; a named domain's is this plus its name. */
    public static final String DEFAULT_QUEUE = "biz.commands";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    private static final Pattern PUBLIC_NAME = Pattern.compile("([a-z][a-z0-9-]{0,30})\\.([a-z][a-z0-9-]{0,62})@([1-9][0-9]{0,5})");

    private final Map<String, Domain> domains = new LinkedHashMap<>();
    private final Map<String, Domain> byType = new LinkedHashMap<>();
    private final Map<String, StoreFeed> feeds = new LinkedHashMap<>();
    private final Forwarding forwarding;

    /**
     * @throws InvalidDomainsException with every problem of the domains, publications, subscriptions and forwarding
     */
    public Domains(DomainsProperties properties, Map<String, StoreProperties> stores, CommandCatalog defaultCatalog,
                   CommandParser defaultParser, int maxCommandBytes, DefinitionLoader loader) {
        List<String> problems = new ArrayList<>();
        add(new Domain(DEFAULT, DEFAULT_QUEUE, defaultCatalog, defaultParser, Map.of()), problems);
        properties.domains().forEach((name, declared) -> {
            String where = "bizmaster.domains." + name;
            if (!NAME.matcher(name).matches() || name.equals(DEFAULT)) {
                problems.add(where + ": '" + name + "' is not a domain name (lowercase letters, digits and '-', at most 31, "
                        + "not 'default')");
                return;
            }
            if (declared == null || declared.catalog() == null) {
                problems.add(where + ".catalog: missing; a domain needs its command catalogue");
                return;
            }
            CommandCatalog catalog;
            try {
                catalog = new CommandCatalog(declared.catalog(), loader);
            } catch (DefinitionException e) {
                problems.add(e.getMessage());
                return;
            }
            Map<String, Publication> publications = declared.publications() == null ? Map.of()
                    : publications(name, declared.publications(), catalog, loader, problems);
            add(new Domain(name, "biz.domain." + name, catalog, new CommandParser(catalog, maxCommandBytes),
                    publications), problems);
        });
        stores.forEach((store, declared) -> feed(store, declared, problems));
        this.forwarding = Forwarding.load(properties.forwarding(), this, loader, problems);
        if (!problems.isEmpty()) {
            throw new InvalidDomainsException(problems);
        }
    }

    /** The default domain alone, as before domains (a route test's). */
    public static Domains only(CommandCatalog catalog, CommandParser parser) {
        return new Domains(new DomainsProperties(null, null), Map.of(), catalog, parser, 0, new DefinitionLoader());
    }

    private void add(Domain domain, List<String> problems) {
        domains.put(domain.name(), domain);
        for (String type : domain.catalog().types()) {
            Domain earlier = byType.putIfAbsent(type, domain);
            if (earlier != null) {
                problems.add("command type " + type + " is declared by domain " + earlier.name() + " ("
                        + earlier.catalog().source() + ") and by domain " + domain.name() + " (" + domain.catalog().source()
                        + "): a type belongs to one domain, so a forwarded command has one place to go");
            }
        }
    }

    private static Map<String, Publication> publications(String domain, Path file, CommandCatalog catalog,
                                                         DefinitionLoader loader, List<String> problems) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(file + ": cannot be read: " + e);
            return Map.of();
        }
        Map<String, Publication> publications = new LinkedHashMap<>();
        try {
            loader.load(text, file.toString(), PublicationsFile.class, (read, found) -> {
                if (read.publications() == null) {
                    return;
                }
                read.publications().forEach((key, p) -> {
                    if (p == null || !key.matches(PublicationsFile.NAME) || p.types() == null || p.fields() == null
                            || p.subscribers() == null) {
                        return; // reported by the file's own checks
                    }
                    String base = "/publications/" + key;
                    List<CommandType> types = new ArrayList<>();
                    for (int i = 0; i < p.types().size(); i++) {
                        String type = p.types().get(i);
                        Optional<CommandType> declared = catalog.type(type);
                        if (declared.isEmpty()) {
                            found.add(base + "/types/" + i, "command type '" + type + "' is not in domain " + domain
                                    + "'s catalogue (" + catalog.source() + ")");
                        } else {
                            types.add(declared.get());
                        }
                    }
                    for (int i = 0; i < p.fields().size(); i++) {
                        String field = p.fields().get(i);
                        if (!types.isEmpty() && types.stream().noneMatch(t -> declares(t, field))) {
                            found.add(base + "/fields/" + i, "field '" + field + "' is declared by none of the published "
                                    + "types in the catalogue (" + catalog.source() + ")");
                        }
                    }
                    String[] nameVersion = key.split("@");
                    publications.put(domain + "." + key, new Publication(domain, nameVersion[0],
                            Integer.parseInt(nameVersion[1]), p.description(), new LinkedHashSet<>(p.types()), p.fields(),
                            new LinkedHashSet<>(p.subscribers())));
                });
            });
        } catch (DefinitionException e) {
            problems.add(e.getMessage());
        }
        return publications;
    }

    /** Whether a command type's payload declares this path ({@code address.city}). */
    static boolean declares(CommandType type, String path) {
        Map<String, FieldSpec> fields = type.payload();
        String[] steps = path.split("\\.");
        for (int i = 0; i < steps.length; i++) {
            FieldSpec spec = fields == null ? null : fields.get(steps[i]);
            if (spec == null) {
                return false;
            }
            fields = spec.fields();
            if (i < steps.length - 1 && (fields == null || fields.isEmpty())) {
                return false;
            }
        }
        return true;
    }

    private void feed(String store, StoreProperties declared, List<String> problems) {
        if (declared == null) {
            return;
        }
        String where = "bizmaster.stores." + store;
        boolean subscriber = !declared.subscribe().isEmpty();
        if (subscriber && declared.domain() != null) {
            problems.add(where + ": has both domain and subscribe; a store is a domain's own store or a subscriber, not both");
            return;
        }
        if (declared.role() == StoreRole.PRIMARY && (subscriber || (declared.domain() != null
                && !declared.domain().equals(DEFAULT)))) {
            problems.add(where + ": role primary is the default domain's system of record; a store of another domain or a "
                    + "subscriber is shadow (fed) or detached");
        }
        if (!subscriber) {
            String domain = declared.domain() == null ? DEFAULT : declared.domain();
            if (!domains.containsKey(domain)) {
                problems.add(where + ".domain: no domain '" + domain + "' (domains: " + String.join(", ", domains.keySet()) + ")");
                return;
            }
            feeds.put(store, new StoreFeed.DomainFeed(domain));
            return;
        }
        List<Subscription> subscriptions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < declared.subscribe().size(); i++) {
            StoreProperties.Subscribe s = declared.subscribe().get(i);
            String at = where + ".subscribe[" + i + "]";
            if (s == null || s.publication() == null) {
                problems.add(at + ".publication: missing (a public name such as crm.customer@1)");
                continue;
            }
            var name = PUBLIC_NAME.matcher(s.publication());
            if (!name.matches()) {
                problems.add(at + ".publication: '" + s.publication() + "' is not a public name (domain.name@version, e.g. "
                        + "crm.customer@1)");
                continue;
            }
            Domain domain = domains.get(name.group(1));
            if (domain == null || domain.isDefault()) {
                problems.add(at + ".publication: " + s.publication() + ": no domain '" + name.group(1) + "' publishes anything "
                        + "(domains: " + String.join(", ", domains.keySet().stream().filter(d -> !d.equals(DEFAULT)).toList()) + ")");
                continue;
            }
            Publication publication = domain.publications().get(s.publication());
            if (publication == null) {
                problems.add(at + ".publication: domain " + domain.name() + " has no publication " + s.publication()
                        + " (it publishes: " + (domain.publications().isEmpty() ? "nothing"
                        : String.join(", ", domain.publications().keySet().stream().sorted().toList())) + ")");
                continue;
            }
            if (!publication.subscribers().contains(store)) {
                problems.add(at + ".publication: store '" + store + "' may not see " + s.publication() + " (domain "
                        + domain.name() + " publishes it to: " + String.join(", ", publication.subscribers().stream().sorted().toList())
                        + ")");
                continue;
            }
            if (!seen.add(domain.name() + " " + s.publication())) {
                problems.add(at + ".publication: " + s.publication() + " is subscribed twice");
            }
            for (String type : s.types()) {
                if (!publication.publishes(type)) {
                    problems.add(at + ".types: " + type + " is not published by " + s.publication() + " (it publishes: "
                            + String.join(", ", publication.types().stream().sorted().toList()) + ")");
                }
            }
            for (String field : s.where().keySet()) {
                if (!publication.publishesField(field)) {
                    problems.add(at + ".where: field '" + field + "' is not published by " + s.publication()
                            + ", so the store never sees it (published: " + String.join(", ", publication.fields()) + ")");
                }
            }
            for (Subscription other : subscriptions) {
                for (String type : publication.types()) {
                    if (other.publication().publishes(type) && !other.publication().equals(publication)) {
                        problems.add(at + ".publication: " + s.publication() + " and " + other.publication().publicName()
                                + " both publish " + type + ": subscribe to one of them, so each command is handed over once");
                    }
                }
            }
            subscriptions.add(new Subscription(publication, new LinkedHashSet<>(s.types()), s.where()));
        }
        feeds.put(store, new StoreFeed.SubscriberFeed(subscriptions));
    }

    public List<Domain> all() {
        return List.copyOf(domains.values());
    }

    /** The named domains (without the default one). */
    public List<Domain> named() {
        return domains.values().stream().filter(d -> !d.isDefault()).toList();
    }

    public Optional<Domain> get(String name) {
        return Optional.ofNullable(domains.get(name == null ? DEFAULT : name));
    }

    public Domain defaultDomain() {
        return domains.get(DEFAULT);
    }

    /** The domain whose catalogue declares this type. */
    public Optional<Domain> owning(String type) {
        return Optional.ofNullable(type == null ? null : byType.get(type));
    }

    /** A command type of any domain (types are unique across domains). */
    public Optional<CommandType> type(String type) {
        return owning(type).flatMap(d -> d.catalog().type(type));
    }

    /** What a store is fed; a store not configured (a test's, a migration's target) is of the default domain. */
    public StoreFeed feed(String store) {
        return feeds.getOrDefault(store, new StoreFeed.DomainFeed(DEFAULT));
    }

    /** Every intake queue: the default domain's first. */
    public List<String> queues() {
        return domains.values().stream().map(Domain::queue).toList();
    }

    public Forwarding forwarding() {
        return forwarding;
    }
}
