package io.bizmaster.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * What {@code status} and {@code GET /api/stores} show for one store.
 *
 * @param lag      log head minus checkpoint: how many logged commands the store has still to apply
 * @param failing  set when the store is stuck at a command it retries (a transient failure)
 * @param parkedKeys keys with a command parked in the store (it could not apply it for good): they wait for a retry
 * @param delivery   what its connector promises: exactly-once (changes and checkpoint together) or at-least-once
 * @param verifiable whether a verification can read the store back; a write-only feed cannot
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoreStatus(
        String name,
        String role,
        String converter,
        String connector,
        Map<String, String> options,
        boolean paused,
        boolean reachable,
        long checkpoint,
        long head,
        long lag,
        Failing failing,
        int parkedKeys,
        String delivery,
        boolean verifiable) {

    public record Failing(long seq, String commandId, String reason, int attempts) {
    }
}
