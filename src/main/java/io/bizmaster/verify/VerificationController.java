package io.bizmaster.verify;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "verifications", description = "Prove two stores agree (docs/VERIFICATION.md); the inline verifier's counts")
public class VerificationController {

    private final Verifications verifications;
    private final InlineVerifier inline;

    public VerificationController(Verifications verifications, InlineVerifier inline) {
        this.verifications = verifications;
        this.inline = inline;
    }

    /** Starts a verification; 202 with its first report, then follow {@code GET /api/verifications/{id}}. */
    @PostMapping("/api/verifications")
    @Operation(summary = "Start a verification of two stores through their projections, at one seq",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = "application/json",
                            schema = @Schema(implementation = VerificationRequest.class),
                            examples = @ExampleObject(value = "{\"source\": \"legacy\", \"target\": \"modern\"}"))))
    @ApiResponse(responseCode = "202", description = "its first report (state RUNNING); Location: /api/verifications/{id}")
    @ApiResponse(responseCode = "400", description = "no source or target, stores that cannot be compared (no common entity, "
            + "not verifiable), an unknown entity, too many verifications waiting, or a body that is not JSON")
    @ApiResponse(responseCode = "404", description = "no store of that name")
    public ResponseEntity<VerificationReport> start(@RequestBody VerificationRequest request) {
        VerificationReport report = verifications.start(request.source(), request.target(), request.entity());
        return ResponseEntity.accepted().location(URI.create("/api/verifications/" + report.id())).body(report);
    }

    @GetMapping("/api/verifications")
    @Operation(summary = "The verifications running and the latest finished")
    @ApiResponse(responseCode = "200", description = "one report per verification")
    public List<VerificationReport> all() {
        return verifications.all();
    }

    @GetMapping("/api/verifications/inline")
    @Operation(summary = "The inline verifier: per primary/shadow pair, commands compared, mismatches, deferred, dropped; "
            + "the latest mismatches")
    @ApiResponse(responseCode = "200", description = "the inline verifier's counts")
    public InlineStatus inline() {
        return inline.status();
    }

    @GetMapping("/api/verifications/{id}")
    @Operation(summary = "One verification's report: matched, missing, extra, different per entity, and the verified seq")
    @ApiResponse(responseCode = "200", description = "the report",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = VerificationReport.class)))
    @ApiResponse(responseCode = "404", description = "no such verification (finished ones are kept for a while only)")
    public ResponseEntity<?> one(@Parameter(description = "the verification's id") @PathVariable String id) {
        return verifications.get(id).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(404).body(Map.of("error", "no verification " + id
                        + " (finished ones are kept until bizmaster.verify.keep-finished newer ones have finished)")));
    }

    @ExceptionHandler(VerificationException.class)
    ResponseEntity<Map<String, String>> cannotVerify(VerificationException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }
}
