package io.bizmaster.admin;

import io.bizmaster.apply.ApplyFailures;
import io.bizmaster.apply.Parking;
import io.bizmaster.convert.ConverterRegistry;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.CommandStatus;
import io.bizmaster.log.LogEntry;
import io.bizmaster.log.LoggedCommands;
import io.bizmaster.domain.Domains;
import io.bizmaster.domain.StoreFeed;
import io.bizmaster.log.LogSearch;
import io.bizmaster.store.Store;
import io.bizmaster.store.StoreRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads the command log: pages of entries, and one command with its outcome in every store. */
@RestController
@Tag(name = "commands", description = "Post commands; read the command log and each command's outcome in every store")
public class CommandLogController {

    private static final int MAX_PAGE = 1000;

    private final CommandLog log;
    private final StoreRegistry stores;
    private final StoreStatusService status;
    private final ApplyFailures failures;
    private final ConverterRegistry converters;
    private final Parking parking;
    private final Domains domains;
    private final LoggedCommands loggedCommands;

    public CommandLogController(CommandLog log, StoreRegistry stores, StoreStatusService status, ApplyFailures failures,
                                ConverterRegistry converters, Parking parking, Domains domains, LoggedCommands loggedCommands) {
        this.domains = domains;
        this.loggedCommands = loggedCommands;
        this.log = log;
        this.stores = stores;
        this.status = status;
        this.failures = failures;
        this.converters = converters;
        this.parking = parking;
    }

    /**
     * {@code GET /api/commands?status=REJECTED&after=0&limit=100}, oldest first; {@code order=newest} pages back from
     * the head ({@code before=SEQ} for the next page); {@code type}, {@code key} and {@code id} narrow it. Follow
     * {@code next} for the next page.
     */
    @GetMapping("/api/commands")
    @Operation(summary = "The command log, a page at a time: oldest first after a seq, or newest first before one; "
            + "narrowed by status, type, key or command id; follow 'next' for the next page")
    @ApiResponse(responseCode = "200", description = "{commands: [log entries], next: seq of the last one, or null at the end}")
    @ApiResponse(responseCode = "400", description = "a status other than ACCEPTED or REJECTED, an order other than oldest or "
            + "newest, or after/before/limit not a number")
    public Map<String, Object> page(@Parameter(description = "ACCEPTED or REJECTED; all when absent")
                                    @RequestParam(required = false) String status,
                                    @Parameter(description = "only this command type, e.g. customer.renamed")
                                    @RequestParam(required = false) String type,
                                    @Parameter(description = "only commands of this key (the entity)")
                                    @RequestParam(required = false) String key,
                                    @Parameter(description = "only entries of this command id")
                                    @RequestParam(required = false) String id,
                                    @Parameter(description = "oldest (after a seq, the default) or newest (before a seq, "
                                            + "from the head when before is absent)")
                                    @RequestParam(defaultValue = "oldest") String order,
                                    @Parameter(description = "order=oldest: entries after this seq")
                                    @RequestParam(defaultValue = "0") long after,
                                    @Parameter(description = "order=newest: entries before this seq")
                                    @RequestParam(required = false) Long before,
                                    @Parameter(description = "at most this many, 1 to 1000")
                                    @RequestParam(defaultValue = "100") int limit) {
        boolean newest = switch (order.toLowerCase(Locale.ROOT)) {
            case "newest" -> true;
            case "oldest" -> false;
            default -> throw new IllegalArgumentException("unknown order '" + order + "'; use oldest or newest");
        };
        LogSearch search = new LogSearch(status == null || status.isBlank() ? null : parseStatus(status), blankToNull(type),
                blankToNull(key), blankToNull(id));
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        List<LogEntry> entries = log.search(search, newest, newest ? (before == null ? Long.MAX_VALUE : before) : after, size);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("commands", entries);
        page.put("next", entries.size() == size ? entries.get(entries.size() - 1).seq() : null);
        return page;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @GetMapping("/api/commands/{id}")
    @Operation(summary = "Every log entry of a command id, with the command's outcome in each store "
            + "(APPLIED, PENDING, PARKED, FAILED, SKIPPED, IGNORED, WITHHELD, DETACHED)")
    @ApiResponse(responseCode = "200", description = "{id, logged: [{entry, stores: [{store, state, reason}]}]}")
    @ApiResponse(responseCode = "404", description = "no command with that id in the command log")
    public ResponseEntity<Map<String, Object>> one(@Parameter(description = "the command's id") @PathVariable String id) {
        List<LogEntry> entries = log.byCommandId(id);
        if (entries.isEmpty()) {
            return ResponseEntity.status(404).body(Map.of("error", "no command with id '" + id + "' in the command log"));
        }
        List<Map<String, Object>> logged = new ArrayList<>();
        for (LogEntry entry : entries) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("entry", entry);
            view.put("stores", outcomes(entry));
            logged.add(view);
        }
        return ResponseEntity.ok(Map.of("id", id, "logged", logged));
    }

    private List<CommandOutcome> outcomes(LogEntry entry) {
        List<CommandOutcome> outcomes = new ArrayList<>();
        for (Store store : stores.all()) {
            outcomes.add(outcome(store, entry));
        }
        return outcomes;
    }

    private CommandOutcome outcome(Store store, LogEntry entry) {
        if (!store.fed()) {
            return new CommandOutcome(store.name(), CommandOutcome.State.DETACHED, null);
        }
        StoreFeed feed = domains.feed(store.name());
        if (feed instanceof StoreFeed.DomainFeed own && !own.owns(entry)) {
            return new CommandOutcome(store.name(), CommandOutcome.State.WITHHELD, "a command of domain "
                    + (entry.domain() == null ? Domains.DEFAULT : entry.domain()) + "; the store is domain " + own.domain() + "'s");
        }
        if (!entry.accepted()) {
            return new CommandOutcome(store.name(), CommandOutcome.State.SKIPPED, entry.reason());
        }
        if (feed instanceof StoreFeed.SubscriberFeed && feed.handOver(entry, loggedCommands::read) == null) {
            return new CommandOutcome(store.name(), CommandOutcome.State.WITHHELD, "none of the store's subscriptions "
                    + "passes it (its publications, types and field values)");
        }
        var failure = failures.at(store.name(), entry.seq());
        if (failure.isPresent()) {
            return new CommandOutcome(store.name(), CommandOutcome.State.FAILED, failure.get().reason());
        }
        try {
            var parked = parking.at(store.name(), entry.seq());
            if (parked.isPresent()) {
                return parked.get().parked()
                        ? new CommandOutcome(store.name(), CommandOutcome.State.PARKED, parked.get().reason())
                        : new CommandOutcome(store.name(), CommandOutcome.State.SKIPPED, "parked (" + parked.get().reason()
                                + "), then skipped by an operator: " + parked.get().skipReason());
            }
        } catch (java.sql.SQLException e) {
            if (store.parked(entry.key())) {
                return new CommandOutcome(store.name(), CommandOutcome.State.PARKED, "its key has a command parked; the "
                        + "store cannot be read now: " + e.getMessage());
            }
        }
        if (status.one(store.name()).checkpoint() >= entry.seq()) {
            boolean handled = converters.get(store.converter()).handles(entry.type());
            return new CommandOutcome(store.name(), handled ? CommandOutcome.State.APPLIED : CommandOutcome.State.IGNORED, null);
        }
        return new CommandOutcome(store.name(), CommandOutcome.State.PENDING, null);
    }

    private static CommandStatus parseStatus(String status) {
        try {
            CommandStatus parsed = CommandStatus.valueOf(status.toUpperCase(Locale.ROOT));
            if (parsed == CommandStatus.WITHHELD) {
                throw new IllegalArgumentException(parsed.name());
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown status '" + status + "'; use ACCEPTED or REJECTED");
        }
    }
}
