package io.bizmaster.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/throughput?seconds=300}: commands received, accepted and rejected, and each store's apply rate and lag, per second. */
@RestController
public class ThroughputController {

    private final ThroughputHistory history;

    public ThroughputController(ThroughputHistory history) {
        this.history = history;
    }

    @GetMapping("/api/throughput")
    @Operation(summary = "Commands received, accepted and rejected, and each store's apply rate, checkpoint and lag, "
            + "second by second (the last 15 minutes at most)")
    @ApiResponse(responseCode = "200", description = "{intervalSeconds: 1, seconds: [{at, head, received, accepted, rejected, "
            + "stores: {NAME: {applied, checkpoint, lag}}}]}, oldest first")
    @ApiResponse(responseCode = "400", description = "seconds not a number from 1 to 900")
    public Map<String, Object> throughput(@Parameter(description = "how many of the last seconds, 1 to 900")
                                          @RequestParam(defaultValue = "300") int seconds) {
        if (seconds < 1 || seconds > ThroughputHistory.KEPT) {
            throw new IllegalArgumentException("seconds must be 1 to " + ThroughputHistory.KEPT + "; got " + seconds);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("intervalSeconds", 1);
        answer.put("seconds", history.last(seconds));
        return answer;
    }
}
