package io.bizmaster.replay;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/stores/{name}/replay {"from": SEQ, "resetCheckpoint": false}} starts a replay (202 with its
 * status); {@code GET /api/stores/{name}/replay} follows it. The CLI's {@code replay} verb calls these.
 */
@RestController
@Tag(name = "stores")
public class ReplayController {

    private final StoreReplay replays;

    public ReplayController(StoreReplay replays) {
        this.replays = replays;
    }

    @PostMapping("/api/stores/{name}/replay")
    @Operation(summary = "Rebuild a store from the command log: from 0 (emptied first) or from a savepoint; its live "
            + "commands wait in its queue meanwhile",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "from: 0, or the savepoint S > 0; resetCheckpoint (with a savepoint): set the store's "
                            + "checkpoint back to S first",
                    content = @Content(mediaType = "application/json",
                            examples = @ExampleObject(value = "{\"from\": 0, \"resetCheckpoint\": false}"))))
    @ApiResponse(responseCode = "202", description = "the replay's status, started; follow GET on the same path")
    @ApiResponse(responseCode = "400", description = "no from, from not a whole number or past the log head, "
            + "resetCheckpoint not a boolean or without a savepoint, or an unknown setting")
    @ApiResponse(responseCode = "404", description = "no store of that name")
    @ApiResponse(responseCode = "409", description = "the store cannot be replayed now: the primary, held by a migration or a "
            + "replay, on a connector that cannot be emptied, or its checkpoint does not fit the savepoint")
    public ResponseEntity<ReplayStatus> start(@Parameter(description = "the store's name") @PathVariable String name,
                                              @RequestBody(required = false) Map<String, Object> body)
            throws Exception {
        Object from = body == null ? null : body.get("from");
        if (!(from instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException("replay of store '" + name + "': give the seq to replay from as {\"from\": SEQ} "
                    + "(0 = empty the store and rebuild it, S > 0 = a savepoint), got " + (body == null ? "no body" : body));
        }
        Object reset = body.getOrDefault("resetCheckpoint", false);
        if (!(reset instanceof Boolean resetCheckpoint)) {
            throw new IllegalArgumentException("replay of store '" + name + "': resetCheckpoint must be true or false, got '"
                    + reset + "'");
        }
        for (String key : body.keySet()) {
            if (!key.equals("from") && !key.equals("resetCheckpoint")) {
                throw new IllegalArgumentException("replay of store '" + name + "': unknown setting '" + key
                        + "'; it takes from and resetCheckpoint");
            }
        }
        return ResponseEntity.status(202).body(replays.start(name, n.longValue(), resetCheckpoint));
    }

    @GetMapping("/api/stores/{name}/replay")
    @Operation(summary = "The store's last replay: phase, how far it reached, rate")
    @ApiResponse(responseCode = "200", description = "the replay's status")
    @ApiResponse(responseCode = "404", description = "no store of that name, or no replay of it")
    public ReplayStatus status(@Parameter(description = "the store's name") @PathVariable String name) {
        return replays.status(name);
    }

    @ExceptionHandler(NoReplayException.class)
    ResponseEntity<Map<String, String>> none(NoReplayException e) {
        return ResponseEntity.status(404).body(Map.of("error", e.getMessage()));
    }

    /** The store's state forbids it (primary, in a migration, checkpoint past the savepoint): 409. */
    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<Map<String, String>> conflict(IllegalStateException e) {
        return ResponseEntity.status(409).body(Map.of("error", e.getMessage()));
    }
}
