package io.bizmaster.testing;

import io.bizmaster.BizMasterApplication;
import io.bizmaster.admin.StoreStatus;
import io.bizmaster.admin.StoreStatusService;
import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.gateway.OutgoingCommand;
import io.bizmaster.log.CommandLog;
import io.bizmaster.store.StoreRegistry;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on the embedded default (embedded Artemis with its TCP acceptor, H2 business store and H2
 * stores), reached the way a test checks it: the log, the stores' status, posting through the gateway's poster.
 * Where it runs (folder, ports) is for the subclass to say with a {@code @DynamicPropertySource}; most tests use
 * {@link PipelineTestSupport}'s shared one.
 */
@SpringBootTest(classes = BizMasterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class RunningApplication {

    @Autowired
    protected CommandPoster poster;
    @Autowired
    protected CommandLog log;
    @Autowired
    protected StoreStatusService status;
    @Autowired
    protected StoreRegistry stores;
    @Autowired
    protected org.springframework.core.env.Environment environment;

    /** The REST API over real HTTP, as the operator BizMaster generated. */
    protected ApiClient api() {
        return ApiClient.operator(environment);
    }

    /** The generated operator's credentials file, for the CLI's {@code --credentials}. */
    protected String credentialsFile() {
        return environment.getRequiredProperty("bizmaster.security.credentials-file");
    }

    protected void post(List<byte[]> messages) {
        try {
            List<OutgoingCommand> commands = messages.stream().map(m -> CommandSplitter.split(m).get(0)).toList();
            poster.post(commands);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected DataSource store(String name) {
        return stores.get(name).dataSource();
    }

    /** Until the log holds {@code head} entries and every fed store that is not paused has applied them. */
    protected void awaitApplied(long head, Duration timeout) {
        Eventually.await("every running store at seq " + head, timeout, () -> log.head() >= head
                && status.all().stream().filter(s -> !"detached".equals(s.role()) && !s.paused())
                        .allMatch(s -> s.checkpoint() >= head), this::describe);
    }

    protected String describe() {
        return "(log head " + log.head() + "; " + status.all().stream()
                .map(s -> s.name() + " at " + s.checkpoint() + (s.failing() != null ? " stuck: " + s.failing().reason() : ""))
                .collect(Collectors.joining(", ")) + ")";
    }

    protected StoreStatus storeStatus(String name) {
        return status.one(name);
    }
}
