package io.bizmaster.cli;

import io.bizmaster.BizMasterApplication;
import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.demo.DemoRunner;
import io.bizmaster.demo.DemoStream;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.log.CommandLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

@Command(name = "demo", description = {"Starts BizMaster on the embedded default (embedded Artemis, H2 stores 'legacy' "
        + "and 'modern'), posts a realistic stream of business commands, waits until every store has applied it, "
        + "and prints a summary."})
public class DemoCommand implements Callable<Integer> {

    @Option(names = "--commands", defaultValue = "10000", description = "messages to post (default ${DEFAULT-VALUE})")
    int commands;

    @Option(names = "--customers", defaultValue = "1200", description = "customers to register (default ${DEFAULT-VALUE})")
    int customers;

    @Option(names = "--seed", defaultValue = "42", description = "random seed of the stream (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--timeout", defaultValue = "PT10M", description = "give up after (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Unmatched
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>(settings);
        args.add("--server.port=0");
        try (ConfigurableApplicationContext app = SpringApplication.run(BizMasterApplication.class, args.toArray(String[]::new))) {
            String run = "demo" + Long.toString(System.currentTimeMillis(), 36);
            DemoStream stream = DemoStream.generate(commands, customers, seed, run);
            DemoRunner runner = new DemoRunner(app.getBean(CommandPoster.class), app.getBean(CommandLog.class),
                    app.getBean(StoreStatusService.class));
            DemoRunner.Summary summary = runner.run(stream, timeout, System.out);
            System.out.println();
            System.out.println("Demo " + (summary.caughtUp() ? "complete" : "INCOMPLETE") + ": " + summary.line());
            if (summary.rejected() != stream.invalid() || summary.accepted() != stream.valid()) {
                System.out.printf("Expected %,d accepted and %,d rejected.%n", stream.valid(), stream.invalid());
                return 1;
            }
            return summary.caughtUp() ? 0 : 1;
        }
    }
}
