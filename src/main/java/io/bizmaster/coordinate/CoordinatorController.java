package io.bizmaster.coordinate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/coordinator}: which instance coordinates (migrations, replays, re-verification) and under what epoch. */
@RestController
public class CoordinatorController {

    private final Coordinator coordinator;

    public CoordinatorController(Coordinator coordinator) {
        this.coordinator = coordinator;
    }

    @GetMapping("/api/coordinator")
    @Operation(summary = "Which BizMaster instance coordinates (runs migrations, replays and re-verification; carries out "
            + "the verbs asked on any instance), its lease's epoch, and this instance's id")
    @ApiResponse(responseCode = "200", description = "{instance, coordinator (null while none holds the lease), epoch, "
            + "thisOne, expiresInMs}")
    public CoordinatorStatus coordinator() {
        return coordinator.status();
    }
}
