package io.bizmaster.demo;

import io.bizmaster.admin.StoreStatus;
import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.gateway.OutgoingCommand;
import io.bizmaster.log.CommandLog;
import io.bizmaster.log.CommandStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** Posts a demo stream to the running application and waits until every store has applied all of it. */
public class DemoRunner {

    private final CommandPoster poster;
    private final CommandLog log;
    private final StoreStatusService status;

    public DemoRunner(CommandPoster poster, CommandLog log, StoreStatusService status) {
        this.poster = poster;
        this.log = log;
        this.status = status;
    }

    public record Summary(int posted, long accepted, long rejected, long head, List<StoreStatus> stores,
                          Duration elapsed) {

        public boolean caughtUp() {
            return stores.stream().filter(s -> !"detached".equals(s.role())).allMatch(s -> s.checkpoint() == head);
        }

        public String line() {
            double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
            StringBuilder text = new StringBuilder(String.format("posted %,d: accepted %,d, rejected %,d; log head %,d;",
                    posted, accepted, rejected, head));
            for (StoreStatus store : stores.stream().filter(s -> !"detached".equals(s.role())).toList()) {
                text.append(String.format(" %s (%s) at %,d;", store.name(), store.role(), store.checkpoint()));
            }
            text.append(String.format(" %.1f s, %,.0f commands/s", seconds, posted / seconds));
            return text.toString();
        }
    }

    public Summary run(DemoStream stream, Duration timeout, PrintStream out) throws Exception {
        long acceptedBefore = log.count(CommandStatus.ACCEPTED);
        long rejectedBefore = log.count(CommandStatus.REJECTED);
        long headBefore = log.head();
        long started = System.nanoTime();
        List<OutgoingCommand> commands = stream.messages().stream().map(CommandSplitter::split).flatMap(List::stream).toList();
        int posted = poster.post(commands);
        out.printf("Posted %,d commands (%,d of them bad on purpose) to biz.commands%n", posted, stream.invalid());
        long target = headBefore + posted;
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastReport = 0;
        while (true) {
            long head = log.head();
            List<StoreStatus> stores = status.all();
            boolean done = head >= target && stores.stream().filter(s -> !"detached".equals(s.role()))
                    .allMatch(s -> s.checkpoint() >= head);
            if (done || System.nanoTime() > deadline) {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                return new Summary(posted, log.count(CommandStatus.ACCEPTED) - acceptedBefore,
                        log.count(CommandStatus.REJECTED) - rejectedBefore, head, stores, elapsed);
            }
            if (System.nanoTime() - lastReport > 2_000_000_000L) {
                lastReport = System.nanoTime();
                StringBuilder progress = new StringBuilder(String.format("  logged %,d/%,d", head - headBefore, posted));
                stores.stream().filter(s -> !"detached".equals(s.role())).forEach(s -> progress.append(String.format(", %s at %,d", s.name(), s.checkpoint())));
                out.println(progress);
            }
            Thread.sleep(100);
        }
    }
}
