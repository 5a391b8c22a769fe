package io.bizmaster.broker;

import io.bizmaster.security.GeneratedCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.utils.PasswordMaskingUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Artemis inside the application, configured from the same {@code artemis/broker.xml} a standalone
 * broker uses. Only the journal location and the acceptor's host and port come from BizMaster's own
 * settings; an in-VM acceptor is added so the application skips TCP to reach its own broker.
 */
public final class EmbeddedBroker {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    /** BizMaster's own user on its embedded broker (role bizmaster). */
    public static final String USER = "bizmaster";

    private final BrokerProperties properties;
    private final GeneratedCredentials.Credentials credentials;
    private EmbeddedActiveMQ broker;

    public EmbeddedBroker(BrokerProperties properties) {
        this.properties = properties;
        this.credentials = GeneratedCredentials.readOrCreate(properties.dataDir().resolve("bizmaster.credentials"), USER);
    }

    /** What BizMaster logs in with: generated on the first start, kept with the journal, readable by its owner only. */
    public GeneratedCredentials.Credentials credentials() {
        return credentials;
    }

    public void start() throws Exception {
        Path config = properties.config().toAbsolutePath();
        if (!Files.isReadable(config)) {
            throw new IllegalStateException("broker configuration " + config + " is missing: run BizMaster from its "
                    + "folder, name that folder with --home DIR or BIZMASTER_HOME, or set bizmaster.broker.config");
        }
        FileConfiguration configuration = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(config.toUri().toString());
        deployment.addDeployable(configuration);
        deployment.readConfiguration();
        relocate(configuration);
        broker = new EmbeddedActiveMQ();
        broker.setConfiguration(configuration);
        if (configuration.isSecurityEnabled()) {
            broker.setSecurityManager(securityManager(config));
        }
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

    /**
     * The users of {@code artemis/} (beside broker.xml) and BizMaster's own generated one, in a users file of its own
     * under the data folder: the shared files never hold a password that every copy of BizMaster would know.
     */
    private ActiveMQJAASSecurityManager securityManager(Path config) throws IOException {
        Path users = config.resolveSibling("artemis-users.properties");
        Path roles = config.resolveSibling("artemis-roles.properties");
        for (Path file : List.of(users, roles)) {
            if (!Files.isReadable(file)) {
                throw new IllegalStateException("broker security is on but " + file + " is missing: it belongs beside "
                        + config.getFileName() + " (see artemis/README.md)");
            }
        }
        Path data = properties.dataDir().toAbsolutePath();
        Path ownUsers = data.resolve("bizmaster-users.properties");
        Path ownRoles = data.resolve("bizmaster-roles.properties");
        GeneratedCredentials.writeOwnerOnly(ownUsers, USER + " = " + hashed(credentials.password()) + "\n");
        GeneratedCredentials.writeOwnerOnly(ownRoles, "bizmaster = " + USER + "\n");
        return new ActiveMQJAASSecurityManager("bizmaster",
                new BrokerLogins(List.of(new BrokerLogins.Files(users, roles), new BrokerLogins.Files(ownUsers, ownRoles))));
    }

    /** As {@code artemis mask --hash} writes it: a one-way PBKDF2 hash in ENC(...). */
    private static String hashed(String password) {
        try {
            return PasswordMaskingUtil.wrap(PasswordMaskingUtil.getDefaultCodec(Map.of("algorithm", "one-way")).encode(password));
        } catch (Exception e) {
            throw new IllegalStateException("cannot hash BizMaster's broker password: " + e.getMessage(), e);
        }
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
