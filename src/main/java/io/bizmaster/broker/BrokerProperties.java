package io.bizmaster.broker;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the broker is. With {@code embedded=true} (the default) BizMaster starts Artemis in its own JVM
 * from {@code config}, with its journal under {@code dataDir} and its one acceptor on host:port, and
 * talks to it in-VM ({@code inVmId} tells two brokers in one JVM apart, as in tests). With {@code embedded=false} it connects to {@code spring.artemis.broker-url}.
 *
 * <p>{@code callTimeout} is how long BizMaster's own JMS calls wait for the broker to answer a blocking call (a commit,
 * a session, a consumer) before giving up, reconnecting and taking the batch again. Artemis' default is 30 s; every
 * commit of BizMaster's is safe to give up on (the log is the authority, a redelivered batch is answered from it),
 * so a broker that stops answering costs seconds, not half a minute.
 */
@ConfigurationProperties("bizmaster.broker")
public record BrokerProperties(
        @DefaultValue("true") boolean embedded,
        @DefaultValue("artemis/broker.xml") Path config,
        @DefaultValue("data/artemis") Path dataDir,
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("61616") int port,
        @DefaultValue("0") int inVmId,
        @DefaultValue("10s") Duration callTimeout) {

    /** The in-VM address the application uses to reach its embedded broker. */
    public String inVmUrl() {
        return "vm://" + inVmId;
    }
}
