package io.bizmaster.migrate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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

/** The migration verbs over REST; the CLI's {@code migrate} verbs call these. */
@RestController
@Tag(name = "migrations", description = "Move a store (or the business store) to primary: create, follow, cut over, "
        + "roll back, complete, cancel (docs/MIGRATION.md)")
public class MigrationController {

    private final MigrationWorkflow workflow;

    public MigrationController(MigrationWorkflow workflow) {
        this.workflow = workflow;
    }

    /** The body is the migration's YAML (or JSON) definition, sent as such: never text/plain, which any page may post. */
    @PostMapping(path = "/api/migrations", consumes = {"application/yaml", "application/x-yaml", "application/json"})
    @Operation(summary = "Create a migration from its definition; the runner backfills, catches up and verifies it until READY",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "the definition, as in examples/migration.yaml (kind: store, the default) or "
                            + "examples/log-move.yaml (kind: log); every option in docs/MIGRATION.md",
                    content = {
                        @Content(mediaType = "application/yaml", schema = @Schema(type = "string"),
                                examples = @ExampleObject(value = "id: modern-v2\nsource: legacy\ntarget: modern2\n"
                                        + "converter: modern@2\nbackfill: replay\nmax-freeze-ms: 5000\n")),
                        @Content(mediaType = "application/x-yaml", schema = @Schema(type = "string")),
                        @Content(mediaType = "application/json", schema = @Schema(type = "object"),
                                examples = @ExampleObject(value = "{\"id\": \"modern-v2\", \"source\": \"legacy\", "
                                        + "\"target\": \"modern2\", \"backfill\": \"replay\"}"))}))
    @ApiResponse(responseCode = "201", description = "the migration's status, CREATED")
    @ApiResponse(responseCode = "400", description = "the definition has problems (each as file:line: path: message), or "
            + "a migration with that id exists already")
    public ResponseEntity<MigrationStatus> create(@RequestBody String definition) {
        return ResponseEntity.status(201).body(workflow.create(definition));
    }

    @GetMapping("/api/migrations")
    @Operation(summary = "Every migration's status")
    @ApiResponse(responseCode = "200", description = "one status per migration, finished ones included")
    public List<MigrationStatus> all() {
        return workflow.all();
    }

    @GetMapping("/api/migrations/{id}")
    @Operation(summary = "One migration: phase, backfill progress and ETA, lags, verification, last freeze window")
    @ApiResponse(responseCode = "200", description = "the migration's status")
    @ApiResponse(responseCode = "404", description = "no migration with that id")
    public MigrationStatus status(@Parameter(description = "the migration's id") @PathVariable String id) {
        return workflow.status(id);
    }

    /** With {@code ?dry-run=true}: the same checks (409 with the same reason), the steps and an estimated freeze. */
    @PostMapping("/api/migrations/{id}/cutover")
    @Operation(summary = "Cut over: freeze the intake, drain, re-verify, make the target primary, resume (bounded by "
            + "max-freeze-ms); with dry-run=true only the checks, the steps and an estimated freeze",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
                    description = "nothing to say: send {} as application/json",
                    content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{}"))))
    @ApiResponse(responseCode = "200", description = "the migration's status, CUT_OVER (or, for a dry run, the plan)")
    @ApiResponse(responseCode = "400", description = "dry-run is not true or false")
    @ApiResponse(responseCode = "404", description = "no migration with that id")
    @ApiResponse(responseCode = "409", description = "not READY (or ROLLED_BACK), a store paused or too far behind, or the "
            + "cut-over aborted (over budget, re-verification failed): the roles are as they were")
    public Object cutover(@Parameter(description = "the migration's id") @PathVariable String id,
                          @Parameter(description = "true: check and estimate only, change nothing")
                          @RequestParam(name = "dry-run", defaultValue = "false") boolean dryRun) {
        return dryRun ? workflow.cutoverDryRun(id) : workflow.cutover(id);
    }

    @PostMapping("/api/migrations/{id}/rollback")
    @Operation(summary = "Roll a cut-over back in the same kind of freeze: the source is primary again, the target stays fed",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
                    description = "nothing to say: send {} as application/json",
                    content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{}"))))
    @ApiResponse(responseCode = "200", description = "the migration's status, ROLLED_BACK")
    @ApiResponse(responseCode = "404", description = "no migration with that id")
    @ApiResponse(responseCode = "409", description = "not CUT_OVER, or the rollback aborted")
    public MigrationStatus rollback(@Parameter(description = "the migration's id") @PathVariable String id) {
        return workflow.rollback(id);
    }

    @PostMapping("/api/migrations/{id}/complete")
    @Operation(summary = "Complete a cut-over: the old side is detached and the migration is over",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
                    description = "nothing to say: send {} as application/json",
                    content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{}"))))
    @ApiResponse(responseCode = "200", description = "the migration's status, COMPLETED")
    @ApiResponse(responseCode = "404", description = "no migration with that id")
    @ApiResponse(responseCode = "409", description = "not CUT_OVER")
    public MigrationStatus complete(@Parameter(description = "the migration's id") @PathVariable String id) throws Exception {
        return workflow.complete(id);
    }

    @PostMapping("/api/migrations/{id}/cancel")
    @Operation(summary = "Cancel a migration that has not cut over (or was rolled back): the target's feed is dropped",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
                    description = "nothing to say: send {} as application/json",
                    content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{}"))))
    @ApiResponse(responseCode = "200", description = "the migration's status, CANCELLED")
    @ApiResponse(responseCode = "404", description = "no migration with that id")
    @ApiResponse(responseCode = "409", description = "in a phase that cannot be cancelled (CUT_OVER: roll back first; "
            + "COMPLETED, CANCELLED)")
    public MigrationStatus cancel(@Parameter(description = "the migration's id") @PathVariable String id) throws Exception {
        return workflow.cancel(id);
    }

    @ExceptionHandler(UnknownMigrationException.class)
    ResponseEntity<Map<String, String>> unknown(UnknownMigrationException e) {
        return ResponseEntity.status(404).body(Map.of("error", e.getMessage()));
    }

    /** Wrong phase, a store not ready, a cut-over aborted: the state of things, not the request, is the problem. */
    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<Map<String, String>> conflict(IllegalStateException e) {
        return ResponseEntity.status(409).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }
}
