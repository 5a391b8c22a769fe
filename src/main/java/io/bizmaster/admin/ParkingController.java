package io.bizmaster.admin;

import io.bizmaster.apply.Parking;
import io.bizmaster.apply.StoreApplier;
import io.bizmaster.store.jdbc.ParkedCommands;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A store's parked commands: {@code GET /api/stores/{name}/parked?key=K&after=SEQ&limit=N}; retry them in order with
 * {@code POST …/parked/retry {"key": K}} (no key: every parked key); skip one with
 * {@code POST …/parked/{seq}/skip {"reason": "…"}}.
 */
@RestController
public class ParkingController {

    private static final int MAX_PAGE = 1_000;

    private final Parking parking;

    public ParkingController(Parking parking) {
        this.parking = parking;
    }

    @GetMapping("/api/stores/{name}/parked")
    public Map<String, Object> list(@PathVariable String name, @RequestParam(required = false) String key,
                                    @RequestParam(defaultValue = "0") long after,
                                    @RequestParam(defaultValue = "100") int limit) throws SQLException {
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        List<ParkedCommands.Parked> page = parking.list(name, key, after, size);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("store", name);
        body.put("parkedNow", parking.count(name));
        body.put("commands", page);
        body.put("next", page.size() == size ? page.get(page.size() - 1).seq() : null);
        return body;
    }

    @PostMapping("/api/stores/{name}/parked/retry")
    public StoreApplier.Retried retry(@PathVariable String name, @RequestBody(required = false) Map<String, Object> body)
            throws SQLException {
        Object key = body == null ? null : body.get("key");
        if (key != null && !(key instanceof String)) {
            throw new IllegalArgumentException("retry of store '" + name + "': key must be a string, got " + key);
        }
        if (body != null && body.keySet().stream().anyMatch(k -> !k.equals("key"))) {
            throw new IllegalArgumentException("retry of store '" + name + "' takes only {\"key\": \"…\"} (or nothing: "
                    + "every parked key), got " + body.keySet());
        }
        return parking.retry(name, (String) key);
    }

    @PostMapping("/api/stores/{name}/parked/{seq}/skip")
    public ParkedCommands.Parked skip(@PathVariable String name, @PathVariable long seq,
                                      @RequestBody(required = false) Map<String, Object> body) throws SQLException {
        Object reason = body == null ? null : body.get("reason");
        return parking.skip(name, seq, reason instanceof String text ? text : null);
    }

    /** No command parked at that seq: the state of the store, not the request, is the problem. */
    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<Map<String, String>> conflict(IllegalStateException e) {
        return ResponseEntity.status(409).body(Map.of("error", e.getMessage()));
    }
}
