package io.bizmaster.admin;

import io.bizmaster.apply.Parking;
import io.bizmaster.apply.StoreApplier;
import io.bizmaster.store.jdbc.ParkedCommands;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "stores")
public class ParkingController {

    private static final int MAX_PAGE = 1_000;

    private final Parking parking;

    public ParkingController(Parking parking) {
        this.parking = parking;
    }

    @GetMapping("/api/stores/{name}/parked")
    @Operation(summary = "A store's parked (and skipped) commands in seq order, with the reason of each")
    @ApiResponse(responseCode = "200", description = "{store, parkedNow, commands: [...], next: seq of the last one, or null}")
    @ApiResponse(responseCode = "400", description = "after or limit not a number")
    @ApiResponse(responseCode = "404", description = "no store of that name")
    public Map<String, Object> list(@Parameter(description = "the store's name") @PathVariable String name,
                                    @Parameter(description = "one key's only") @RequestParam(required = false) String key,
                                    @Parameter(description = "commands after this seq") @RequestParam(defaultValue = "0") long after,
                                    @Parameter(description = "at most this many, 1 to 1000")
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
    @Operation(summary = "Apply a store's parked commands again, key by key in seq order (after a converter fix)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
                    description = "one key, or {} for every parked key",
                    content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"key\": \"C-42\"}"))))
    @ApiResponse(responseCode = "200", description = "{store, key, applied, stillParked, reason}")
    @ApiResponse(responseCode = "400", description = "key not a string, or a setting other than key")
    @ApiResponse(responseCode = "404", description = "no store of that name")
    @ApiResponse(responseCode = "409", description = "the store has a seq parked that the command log does not hold "
            + "(the business store was replaced)")
    public StoreApplier.Retried retry(@Parameter(description = "the store's name") @PathVariable String name,
                                      @RequestBody(required = false) Map<String, Object> body)
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
    @Operation(summary = "Let one parked command go, recording why; the later commands of its key stay parked until retried",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = "application/json",
                    examples = @ExampleObject(value = "{\"reason\": \"duplicate order, refunded by hand\"}"))))
    @ApiResponse(responseCode = "200", description = "the parked command, now skipped")
    @ApiResponse(responseCode = "400", description = "no reason given, or seq not a number")
    @ApiResponse(responseCode = "404", description = "no store of that name")
    @ApiResponse(responseCode = "409", description = "the store has no command parked at that seq")
    public ParkedCommands.Parked skip(@Parameter(description = "the store's name") @PathVariable String name,
                                      @Parameter(description = "the parked command's seq") @PathVariable long seq,
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
