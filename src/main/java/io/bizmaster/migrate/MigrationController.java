package io.bizmaster.migrate;

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
public class MigrationController {

    private final MigrationWorkflow workflow;

    public MigrationController(MigrationWorkflow workflow) {
        this.workflow = workflow;
    }

    /** The body is the migration's YAML (or JSON) definition, sent as such: never text/plain, which any page may post. */
    @PostMapping(path = "/api/migrations", consumes = {"application/yaml", "application/x-yaml", "application/json"})
    public ResponseEntity<MigrationStatus> create(@RequestBody String definition) {
        return ResponseEntity.status(201).body(workflow.create(definition));
    }

    @GetMapping("/api/migrations")
    public List<MigrationStatus> all() {
        return workflow.all();
    }

    @GetMapping("/api/migrations/{id}")
    public MigrationStatus status(@PathVariable String id) {
        return workflow.status(id);
    }

    /** With {@code ?dry-run=true}: the same checks (409 with the same reason), the steps and an estimated freeze. */
    @PostMapping("/api/migrations/{id}/cutover")
    public Object cutover(@PathVariable String id, @RequestParam(name = "dry-run", defaultValue = "false") boolean dryRun) {
        return dryRun ? workflow.cutoverDryRun(id) : workflow.cutover(id);
    }

    @PostMapping("/api/migrations/{id}/rollback")
    public MigrationStatus rollback(@PathVariable String id) {
        return workflow.rollback(id);
    }

    @PostMapping("/api/migrations/{id}/complete")
    public MigrationStatus complete(@PathVariable String id) throws Exception {
        return workflow.complete(id);
    }

    @PostMapping("/api/migrations/{id}/cancel")
    public MigrationStatus cancel(@PathVariable String id) throws Exception {
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
