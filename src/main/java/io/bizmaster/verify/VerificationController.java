package io.bizmaster.verify;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Verifications over HTTP: start one, follow it, read its report; and the inline verifier's counts. */
@RestController
public class VerificationController {

    private final Verifications verifications;
    private final InlineVerifier inline;

    public VerificationController(Verifications verifications, InlineVerifier inline) {
        this.verifications = verifications;
        this.inline = inline;
    }

    /** Starts a verification; 202 with its first report, then follow {@code GET /api/verifications/{id}}. */
    @PostMapping("/api/verifications")
    public ResponseEntity<VerificationReport> start(@RequestBody VerificationRequest request) {
        VerificationReport report = verifications.start(request.source(), request.target(), request.entity());
        return ResponseEntity.accepted().location(URI.create("/api/verifications/" + report.id())).body(report);
    }

    @GetMapping("/api/verifications")
    public List<VerificationReport> all() {
        return verifications.all();
    }

    @GetMapping("/api/verifications/inline")
    public InlineStatus inline() {
        return inline.status();
    }

    @GetMapping("/api/verifications/{id}")
    public ResponseEntity<?> one(@PathVariable String id) {
        return verifications.get(id).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(404).body(Map.of("error", "no verification " + id
                        + " (finished ones are kept until bizmaster.verify.keep-finished newer ones have finished)")));
    }

    @ExceptionHandler(VerificationException.class)
    ResponseEntity<Map<String, String>> cannotVerify(VerificationException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }
}
