package io.bizmaster.gateway;

import io.bizmaster.domain.Domain;
import io.bizmaster.domain.Forwarding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends each posted command to the intake queue of the domain whose catalogue declares its type, after the forwarding
 * rule that names its type, if one does (docs/READ-MODELS.md). A command no rule names keeps its exact bytes; a type
 * no domain declares goes to {@code biz.commands}, whose intake logs it rejected, as before domains.
 */
public final class CommandRouter {

    /**
     * Reads a forwarded command without losing what the intake checks: decimals keep their digits and scale (no
     * double in between), and a duplicate key is not silently resolved (the command then goes as posted, rejected).
     */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * One command as queued.
     *
     * @param domain     whose queue it went to
     * @param postedType the type the BFF posted, when a rule forwarded it as {@code command.type()}; else null
     */
    public record Routed(OutgoingCommand command, Domain domain, String postedType) {
    }

    private final Forwarding forwarding;

    public CommandRouter(Forwarding forwarding) {
        this.forwarding = forwarding;
    }

    /**
     * @param forwarder the authenticated user: the source of every command a rule forwards
     * @throws Forwarding.ForwardingException when a rule cannot make its command; nothing should be queued then
     */
    public List<Routed> route(List<OutgoingCommand> posted, String forwarder) {
        List<Routed> routed = new ArrayList<>(posted.size());
        for (OutgoingCommand command : posted) {
            routed.add(route(command, forwarder));
        }
        return routed;
    }

    private Routed route(OutgoingCommand command, String forwarder) {
        Optional<ObjectNode> envelope = forwarding.rule(command.type()).flatMap(rule -> envelope(command));
        if (envelope.isEmpty()) {
            Domain domain = forwarding.domainOf(command.type());
            return new Routed(new OutgoingCommand(command.body(), command.id(), command.key(), command.type(),
                    domain.queue()), domain, null);
        }
        Forwarding.Forwarded forwarded = forwarding.forward(envelope.get(), forwarder);
        ObjectNode out = forwarded.envelope();
        return new Routed(new OutgoingCommand(JSON.writeValueAsBytes(out), command.id(), command.key(),
                out.get("type").stringValue(), forwarded.domain().queue()), forwarded.domain(), command.type());
    }

    /** The posted command as a tree; none when it cannot be read as one object: it then goes as posted. */
    private static Optional<ObjectNode> envelope(OutgoingCommand command) {
        try {
            JsonNode tree = JSON.readTree(command.body());
            return tree instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }
}
