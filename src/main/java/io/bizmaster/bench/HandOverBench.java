package io.bizmaster.bench;

import io.bizmaster.command.SequencedCommand;
import io.bizmaster.domain.Publication;
import io.bizmaster.domain.StoreFeed;
import io.bizmaster.domain.Subscription;
import io.bizmaster.log.CommandStatus;
import io.bizmaster.log.LogEntry;
import io.bizmaster.log.LoggedCommands;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What enforcing a publication costs where a subscriber store is handed a command (docs/READ-MODELS.md): each
 * command parsed, reduced to the published fields and written back as the envelope the store's batch shows, against
 * the same commands handed to a domain's own store as logged (parsed once, nothing copied). In process, no I/O: the
 * cost the apply thread of a subscriber pays on top of a domain store's.
 */
final class HandOverBench {

    private static final int ROUNDS = 3;

    private final PrintStream out;

    HandOverBench(PrintStream out) {
        this.out = out;
    }

    List<Figure> run(int commands) {
        out.printf("Hand-over: %,d CRM commands to a domain store as logged, then to a subscriber through a publication ...%n",
                commands);
        List<LogEntry> entries = entries(commands);
        StoreFeed asLogged = new StoreFeed.DomainFeed("crm");
        Publication card = new Publication("crm", "customer-card", 1, "bench", Set.of("crm.customer.registered"),
                List.of("name", "address.city"), Set.of("storefront"));
        StoreFeed subscriber = new StoreFeed.SubscriberFeed(List.of(new Subscription(card, Set.of(), Map.of())));
        double baseline = 0;
        double projected = 0;
        // Best of a few rounds: the first ones also pay for the JIT.
        for (int round = 0; round < ROUNDS; round++) {
            baseline = Math.max(baseline, perSecond(entries, asLogged, false));
            projected = Math.max(projected, perSecond(entries, subscriber, true));
        }
        Figure logged = Figure.baseline("hand-over to a domain's store (parse)", baseline, "cmd/s");
        return List.of(logged, Figure.against("hand-over to a subscriber (+ project, envelope)", projected, "cmd/s",
                logged));
    }

    private static double perSecond(List<LogEntry> entries, StoreFeed feed, boolean envelope) {
        LoggedCommands logged = new LoggedCommands();
        long bytes = 0;
        long start = System.nanoTime();
        for (LogEntry entry : entries) {
            SequencedCommand given = feed.handOver(entry, logged::read);
            if (envelope) {
                bytes += logged.envelope(given.command()).length();
            } else {
                bytes += given.command().payload().size();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (bytes == 0) {
            throw new IllegalStateException("nothing was handed over");
        }
        return entries.size() / seconds;
    }

    private static List<LogEntry> entries(int commands) {
        List<LogEntry> entries = new ArrayList<>(commands);
        Instant now = Instant.now();
        for (int i = 1; i <= commands; i++) {
            String body = "{\"id\":\"c-" + i + "\",\"type\":\"crm.customer.registered\",\"key\":\"C" + (i % 5_000)
                    + "\",\"source\":\"crm-app\",\"payload\":{\"name\":\"Customer " + i + "\",\"email\":\"c" + i
                    + "@example.com\",\"address\":{\"street\":\"" + i + " Long Street\",\"city\":\"City " + (i % 97) + "\"}}}";
            entries.add(new LogEntry(i, "c-" + i, "crm.customer.registered", "C" + (i % 5_000), "crm-app", now, now,
                    CommandStatus.ACCEPTED, null, body, "crm", (long) i));
        }
        return entries;
    }
}
