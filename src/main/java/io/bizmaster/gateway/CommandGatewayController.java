package io.bizmaster.gateway;

import jakarta.jms.JMSException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP gateway for AppCenters that do not speak a broker protocol. It only puts commands on the
 * queue; the intake decides about them, so the answer is 202 with the ids, and the outcome is read
 * from {@code GET /api/commands/{id}}.
 */
@RestController
public class CommandGatewayController {

    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final CommandPoster poster;

    public CommandGatewayController(CommandPoster poster) {
        this.poster = poster;
    }

    @PostMapping(path = "/api/commands")
    public ResponseEntity<Map<String, Object>> post(@RequestBody(required = false) byte[] body) throws JMSException {
        if (body == null || body.length == 0) {
            return ResponseEntity.badRequest().body(Map.of("error", "the body is empty: post one command (a JSON object) "
                    + "or an array of them"));
        }
        if (body.length > MAX_BODY_BYTES) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Map.of("error", "the body is " + body.length
                    + " bytes, over the gateway's limit of " + MAX_BODY_BYTES + "; post fewer commands per request"));
        }
        List<OutgoingCommand> commands = CommandSplitter.split(body);
        int sent = poster.post(commands);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("queued", sent);
        answer.put("ids", commands.stream().map(OutgoingCommand::id).toList());
        return ResponseEntity.accepted().body(answer);
    }
}
