package io.bizmaster.replay;

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
public class ReplayController {

    private final StoreReplay replays;

    public ReplayController(StoreReplay replays) {
        this.replays = replays;
    }

    @PostMapping("/api/stores/{name}/replay")
    public ResponseEntity<ReplayStatus> start(@PathVariable String name, @RequestBody(required = false) Map<String, Object> body)
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
    public ReplayStatus status(@PathVariable String name) {
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
