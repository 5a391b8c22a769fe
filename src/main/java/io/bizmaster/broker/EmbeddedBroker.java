package io.bizmaster.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Artemis inside the application, configured from the same {@code artemis/broker.xml} a standalone
 * broker uses. Only the journal location and the acceptor's host and port come from BizMaster's own
 * settings; an in-VM acceptor is added so the application skips TCP to reach its own broker.
 */
public final class EmbeddedBroker {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final BrokerProperties properties;
    private EmbeddedActiveMQ broker;

    public EmbeddedBroker(BrokerProperties properties) {
        this.properties = properties;
    }

    public void start() throws Exception {
        Path config = properties.config().toAbsolutePath();
        if (!Files.isReadable(config)) {
            throw new IllegalStateException("broker configuration " + config + " is missing: run BizMaster from the "
                    + "project folder or set bizmaster.broker.config");
        }
        FileConfiguration configuration = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(config.toUri().toString());
        deployment.addDeployable(configuration);
        deployment.readConfiguration();
        relocate(configuration);
        broker = new EmbeddedActiveMQ();
        broker.setConfiguration(configuration);
        broker.start();
        LOG.info("Embedded Artemis started: journal in {}, acceptor tcp://{}:{} (CORE, AMQP, STOMP, OPENWIRE)",
                properties.dataDir().toAbsolutePath(), properties.host(), properties.port());
    }

    private void relocate(Configuration configuration) {
        Path data = properties.dataDir().toAbsolutePath();
        configuration.setJournalDirectory(data.resolve("journal").toString());
        configuration.setBindingsDirectory(data.resolve("bindings").toString());
        configuration.setPagingDirectory(data.resolve("paging").toString());
        configuration.setLargeMessagesDirectory(data.resolve("large-messages").toString());
        configuration.setNodeManagerLockDirectory(data.toString());
        for (TransportConfiguration acceptor : configuration.getAcceptorConfigurations()) {
            acceptor.getParams().put("host", properties.host());
            acceptor.getParams().put("port", properties.port());
        }
        Map<String, Object> inVm = new HashMap<>();
        inVm.put("serverId", properties.inVmId());
        configuration.addAcceptorConfiguration(new TransportConfiguration(InVMAcceptorFactory.class.getName(), inVm, "in-vm"));
    }

    public ActiveMQServer server() {
        return broker.getActiveMQServer();
    }

    public void stop() throws Exception {
        if (broker != null) {
            broker.stop();
            LOG.info("Embedded Artemis stopped");
        }
    }
}
