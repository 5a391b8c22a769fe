package io.bizmaster.domain;

import io.bizmaster.command.Command;
import io.bizmaster.command.CommandCatalog.CommandType;
import io.bizmaster.command.CommandCatalog.FieldSpec;
import io.bizmaster.convert.ConversionException;
import io.bizmaster.convert.ConverterExpression;
import io.bizmaster.definition.DefinitionException;
import io.bizmaster.definition.DefinitionLoader;
import io.bizmaster.definition.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway's forwarding rules (docs/READ-MODELS.md): a command a BFF posts under a type of its own is turned into
 * a command of the owning domain before it is queued there. A command no rule names goes as posted, to the domain
 * whose catalogue declares its type, or to the default domain when none does (whose intake logs it rejected).
 */
public final class Forwarding {

    /** Envelope fields an expression may read at the gateway; {@code seq} is given by the log, later. */
    private static final Set<String> READABLE = Set.of("id", "key", "type", "source", "issuedAt");

    /**
     * @param type    the type a BFF posts, declared by no catalogue
     * @param to      the catalogue type it is queued as
     * @param domain  the domain whose catalogue declares {@code to}
     * @param payload the new payload by field path, in the file's order; null: the posted payload is kept
     */
    public record Rule(String type, String to, Domain domain, Map<String, ConverterExpression> payload) {
    }

    /**
     * What the gateway queues for one posted command.
     *
     * @param envelope the command to queue: type replaced, payload rebuilt, source the forwarder; id, key and
     *                 issuedAt as posted
     * @param domain   whose intake queue it goes to
     * @param rule     the rule that made it
     */
    public record Forwarded(ObjectNode envelope, Domain domain, Rule rule) {
    }

    /** A posted command its rule cannot turn into the target command (an expression fails on its values). */
    public static final class ForwardingException extends RuntimeException {
        public ForwardingException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Domains domains;
    private final Map<String, Rule> rules;

    private Forwarding(Domains domains, Map<String, Rule> rules) {
        this.domains = domains;
        this.rules = Map.copyOf(rules);
    }

    /**
     * Reads and checks the rules; every problem is added to {@code problems}, each naming the file and line.
     *
     * @param domains with every catalogue loaded already (types are looked up with {@link Domains#owning})
     * @param file    none: no rules, every command goes as posted
     */
    static Forwarding load(Path file, Domains domains, DefinitionLoader loader, List<String> problems) {
        if (file == null) {
            return new Forwarding(domains, Map.of());
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add("bizmaster.forwarding: " + file + ": cannot be read: " + e);
            return new Forwarding(domains, Map.of());
        }
        Map<String, Rule> rules = new LinkedHashMap<>();
        try {
            loader.load(text, file.toString(), ForwardingFile.class, (read, found) -> {
                if (read.forward() != null) {
                    read.forward().forEach((type, rule) -> check(type, rule, domains, found).ifPresent(r -> rules.put(type, r)));
                }
            });
        } catch (DefinitionException e) {
            e.problems().forEach(p -> problems.add(p.describe(e.origin())));
            return new Forwarding(domains, Map.of());
        }
        return new Forwarding(domains, rules);
    }

    private static Optional<Rule> check(String type, ForwardingFile.RuleFile rule, Domains domains, Problems found) {
        if (rule == null || !type.matches(ForwardingFile.TYPE_NAME)) {
            return Optional.empty(); // reported by the file's own checks
        }
        String base = "/forward/" + type;
        int before = found.count();
        domains.owning(type).ifPresent(owner -> found.add(base, "'" + type + "' is a type of domain " + owner.name()
                + "'s catalogue (" + owner.catalog().source() + "), which the gateway queues as posted; a rule forwards "
                + "a type of the BFF's own, declared by no catalogue"));
        Optional<Domain> target = rule.to() == null ? Optional.empty() : domains.owning(rule.to());
        if (rule.to() != null && !rule.to().isBlank() && target.isEmpty()) {
            found.add(base + "/to", "'" + rule.to() + "' is a type of no domain's catalogue (domains: "
                    + String.join(", ", domains.all().stream().map(Domain::name).toList()) + ")");
        }
        Map<String, ConverterExpression> payload = rule.payload() == null ? null : new LinkedHashMap<>();
        if (rule.payload() != null) {
            rule.payload().forEach((field, expression) -> {
                String at = base + "/payload/" + field;
                if (!field.matches(ForwardingFile.FIELD_PATH)) {
                    return; // reported by the file's own checks
                }
                parse(expression, at, found).ifPresent(parsed -> payload.put(field, parsed));
            });
            target.flatMap(d -> d.catalog().type(rule.to())).ifPresent(t -> checkFields(t, rule.payload().keySet(),
                    base + "/payload", found));
        }
        if (found.count() > before || target.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rule(type, rule.to(), target.get(), payload));
    }

    private static Optional<ConverterExpression> parse(String text, String at, Problems found) {
        if (text == null) {
            found.add(at, "expected an expression of the converter language (payload.<field>, key, id, a 'quoted "
                    + "text', a function call...)");
            return Optional.empty();
        }
        if (found.singleQuoted(at)) {
            return Optional.of(ConverterExpression.text(text)); // as in a converter: YAML's quotes say "this is text"
        }
        ConverterExpression parsed;
        try {
            parsed = ConverterExpression.parse(text);
        } catch (IllegalArgumentException e) {
            found.add(at, e.getMessage());
            return Optional.empty();
        }
        for (String name : parsed.references()) {
            if (!READABLE.contains(name)) {
                found.add(at, "'" + name + "' is not known at the gateway: the log numbers a command after it is "
                        + "queued; a rule reads payload.<field>, " + String.join(", ", READABLE.stream().sorted().toList()));
                return Optional.empty();
            }
        }
        return Optional.of(parsed);
    }

    /** A field the target type does not declare, or a required one the rule leaves out, would be rejected every time. */
    private static void checkFields(CommandType target, Set<String> fields, String at, Problems found) {
        for (String field : fields) {
            String top = field.split("\\.")[0];
            if (!target.additionalFields() && !target.payload().containsKey(top)) {
                found.add(at + "/" + field, "'" + top + "' is not a payload field of " + target.name() + " (it declares: "
                        + String.join(", ", target.payload().keySet()) + ")");
            }
        }
        for (FieldSpec spec : target.payload().values()) {
            if (spec.required() && fields.stream().noneMatch(f -> f.equals(spec.name()) || f.startsWith(spec.name() + "."))) {
                found.add(at, "the rule's payload leaves out '" + spec.name() + "', which " + target.name() + " requires");
            }
        }
    }

    /** The rule for a posted type, if one names it. */
    public Optional<Rule> rule(String type) {
        return Optional.ofNullable(type == null ? null : rules.get(type));
    }

    /** Where a command of this type goes as posted: its owning domain, or the default one, whose intake rejects it. */
    public Domain domainOf(String type) {
        return domains.owning(type).orElseGet(domains::defaultDomain);
    }

    /**
     * Turns a posted command its rule names into the owning domain's command.
     *
     * @param posted    the envelope as posted; not changed
     * @param forwarder who forwards it (the authenticated user): the new envelope's source, so the owning domain's log
     *                  says who sent it
     * @throws IllegalArgumentException when no rule names the posted type
     * @throws ForwardingException      when an expression fails on the posted values
     */
    public Forwarded forward(ObjectNode posted, String forwarder) {
        String type = text(posted.get("type"));
        Rule rule = rule(type).orElseThrow(() -> new IllegalArgumentException("no forwarding rule for type " + type));
        ObjectNode envelope = posted.deepCopy();
        envelope.put("type", rule.to());
        if (rule.payload() != null) {
            envelope.set("payload", payload(rule, command(posted)));
        }
        envelope.put("source", forwarder);
        return new Forwarded(envelope, rule.domain(), rule);
    }

    private static ObjectNode payload(Rule rule, Command command) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        rule.payload().forEach((field, expression) -> {
            JsonNode value;
            try {
                value = expression.evaluate(command);
            } catch (ConversionException e) {
                throw new ForwardingException("command " + command.id() + ": forwarding rule " + rule.type() + " -> "
                        + rule.to() + ": payload." + field + " = " + expression + ": " + e.getMessage(), e);
            }
            if (value == null) {
                return; // absent, as the catalogue counts a missing optional field; a required one is the intake's to reject
            }
            String[] path = field.split("\\.");
            ObjectNode into = payload;
            for (int i = 0; i < path.length - 1; i++) {
                into = into.get(path[i]) instanceof ObjectNode object ? object : into.putObject(path[i]);
            }
            into.set(path[path.length - 1], value);
        });
        return payload;
    }

    /** The posted command as an expression reads it; a value of the wrong kind reads as missing. */
    private static Command command(ObjectNode posted) {
        JsonNode payload = posted.get("payload");
        return new Command(text(posted.get("id")), text(posted.get("type")), text(posted.get("key")),
                payload instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode(),
                text(posted.get("source")), instant(text(posted.get("issuedAt"))));
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
