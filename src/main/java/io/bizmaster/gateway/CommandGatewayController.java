package io.bizmaster.gateway;

import io.bizmaster.domain.Forwarding;
import io.bizmaster.log.CommandLog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.jms.JMSException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP gateway for AppCenters that do not speak a broker protocol, and for a BFF that forwards its front end's
 * commands to the domains owning the data. It only puts commands on the intake queues (each on its domain's, through
 * a forwarding rule if one names its type: {@link CommandRouter}); the intake decides about them, so the answer is
 * 202 with the ids and where each went, and the outcome is read from {@code GET /api/commands/{id}}. One outcome is
 * known at once: a command that reuses a logged id for a different command is answered 409, naming the seq that holds
 * the id (it is queued all the same, so the log records the rejection like any other; a plain retry of a logged
 * command stays a harmless 202).
 */
@RestController
@Tag(name = "commands")
public class CommandGatewayController {

    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final CommandPoster poster;
    private final CommandRouter router;
    private final CommandLog log;

    public CommandGatewayController(CommandPoster poster, CommandRouter router, CommandLog log) {
        this.poster = poster;
        this.router = router;
        this.log = log;
    }

    @PostMapping(path = "/api/commands")
    @Operation(summary = "Queue one command, or an array of them, each on the intake queue of the domain whose "
            + "catalogue declares its type (biz.commands, or biz.domain.NAME), after the forwarding rule that names its "
            + "type, if one does (appcenter or operator); the intake decides about each, so follow GET /api/commands/{id}. "
            + "A retry of a logged command is harmless.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "a command (id, type, key, payload; source and issuedAt optional), or a JSON array of "
                            + "them; each is checked against the command catalogue by the intake, not here",
                    content = @Content(mediaType = "application/json", schema = @Schema(type = "object"),
                            examples = {
                                @ExampleObject(name = "one", value = "{\"id\": \"example-1\", \"type\": "
                                        + "\"customer.registered\", \"key\": \"c-1001\", \"source\": \"crm\", "
                                        + "\"payload\": {\"name\": \"Ada Lovelace\", \"email\": \"ada@example.com\"}}"),
                                @ExampleObject(name = "several", value = "[{\"id\": \"r-1\", \"type\": "
                                        + "\"customer.renamed\", \"key\": \"c-1001\", \"payload\": {\"name\": "
                                        + "\"Ada King\"}}, {\"id\": \"c-1\", \"type\": \"customer.credited\", "
                                        + "\"key\": \"c-1001\", \"payload\": {\"amount\": 10}}]")})))
    @ApiResponse(responseCode = "202", description = "{queued: how many, ids: [...], routed: [{id, type, domain, queue, "
            + "forwardedFrom}]}: queued, each where its type belongs (forwardedFrom: the posted type a forwarding rule "
            + "turned into type); the outcome is read later")
    @ApiResponse(responseCode = "400", description = "the body is empty")
    @ApiResponse(responseCode = "422", description = "a forwarding rule cannot make its command from a posted one (an "
            + "expression fails on its values): nothing was queued; {error}")
    @ApiResponse(responseCode = "403", description = "the user is a viewer: posting takes the appcenter or operator role")
    @ApiResponse(responseCode = "409", description = "a command reuses an id the log holds for a different command: it is "
            + "queued all the same and will be logged as rejected; {queued, ids, error, conflicts: {id: reason}}")
    @ApiResponse(responseCode = "413", description = "the body is over the gateway's 16 MiB limit: post fewer commands per request")
    @ApiResponse(responseCode = "503", description = "a cut-over freezes the intake: nothing was queued; retry after the "
            + "Retry-After header's seconds")
    public ResponseEntity<Map<String, Object>> post(@RequestBody(required = false) byte[] body,
                                                    @Parameter(hidden = true) Principal user) throws JMSException {
        if (body == null || body.length == 0) {
            return ResponseEntity.badRequest().body(Map.of("error", "the body is empty: post one command (a JSON object) "
                    + "or an array of them"));
        }
        if (body.length > MAX_BODY_BYTES) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Map.of("error", "the body is " + body.length
                    + " bytes, over the gateway's limit of " + MAX_BODY_BYTES + "; post fewer commands per request"));
        }
        List<CommandRouter.Routed> routed;
        try {
            // Every command is made before any is queued: a rule that fails leaves nothing half posted.
            routed = router.route(CommandSplitter.split(body), user == null ? null : user.getName());
        } catch (Forwarding.ForwardingException e) {
            return ResponseEntity.unprocessableContent().body(Map.of("error", e.getMessage() + "; nothing was queued"));
        }
        List<OutgoingCommand> commands = routed.stream().map(CommandRouter.Routed::command).toList();
        Map<String, String> conflicts = log.conflicts(bodiesById(commands));
        int sent = poster.post(commands);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("queued", sent);
        answer.put("ids", commands.stream().map(OutgoingCommand::id).toList());
        answer.put("routed", routed.stream().map(CommandGatewayController::described).toList());
        if (!conflicts.isEmpty()) {
            answer.put("error", conflicts.size() + " command(s) reuse an id the log holds for a different command; they "
                    + "are logged as rejected");
            answer.put("conflicts", conflicts);
            return ResponseEntity.status(HttpStatus.CONFLICT).body(answer);
        }
        return ResponseEntity.accepted().body(answer);
    }

    /** Where one command went, for the answer. */
    private static Map<String, Object> described(CommandRouter.Routed routed) {
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("id", routed.command().id());
        where.put("type", routed.command().type());
        where.put("domain", routed.domain().name());
        where.put("queue", routed.command().queue());
        if (routed.postedType() != null) {
            where.put("forwardedFrom", routed.postedType());
        }
        return where;
    }

    private static Map<String, String> bodiesById(List<OutgoingCommand> commands) {
        Map<String, String> bodies = new LinkedHashMap<>();
        for (OutgoingCommand command : commands) {
            if (command.id() != null) {
                bodies.putIfAbsent(command.id(), new String(command.body(), StandardCharsets.UTF_8));
            }
        }
        return bodies;
    }
}
