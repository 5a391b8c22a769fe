package io.bizmaster.migrate;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One step of a migration's timeline: the phase it entered, when, and for a cut-over or rollback the freeze window it
 * measured.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MigrationEvent(Instant at, String phase, Long freezeWindowMs, String message) {
}
