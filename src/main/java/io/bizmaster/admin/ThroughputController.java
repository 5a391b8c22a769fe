package io.bizmaster.admin;

import java.util.LinkedHashMap;
import java.util.Map;
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
    public Map<String, Object> throughput(@RequestParam(defaultValue = "300") int seconds) {
        if (seconds < 1 || seconds > ThroughputHistory.KEPT) {
            throw new IllegalArgumentException("seconds must be 1 to " + ThroughputHistory.KEPT + "; got " + seconds);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("intervalSeconds", 1);
        answer.put("seconds", history.last(seconds));
        return answer;
    }
}
