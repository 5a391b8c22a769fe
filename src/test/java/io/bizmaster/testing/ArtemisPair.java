package io.bizmaster.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * BizMaster's replicated broker pair from the Artemis distribution, made from the files an operator uses
 * ({@code artemis/broker.xml} unchanged, {@code artemis/ha-primary.properties} and {@code ha-backup.properties}), each
 * broker its own OS process on this machine, so a test can SIGKILL the primary and watch the backup take over.
 */
public final class ArtemisPair implements AutoCloseable {

    private final StandaloneArtemis primary;
    private final StandaloneArtemis backup;
    private final int primaryPort = TestPorts.free();
    private final int backupPort = TestPorts.free();
    private final String clusterPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final Path logs;

    /**
     * @param home the unpacked distribution (the chaos profile unpacks it under target/)
     * @param dir  where the two instances are created
     * @param logs where each broker's output goes ({@code primary.log}, {@code backup.log})
     */
    public ArtemisPair(Path home, Path dir, Path logs) {
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        this.logs = logs;
        this.primary = new StandaloneArtemis(home, dir.resolve("primary"), logs.resolve("primary.log"), primaryPort, password);
        this.backup = new StandaloneArtemis(home, dir.resolve("backup"), logs.resolve("backup.log"), backupPort, password);
    }

    /** Creates both instances; the placeholders of the properties files name this machine and the two ports. */
    public ArtemisPair create() throws Exception {
        Files.createDirectories(logs);
        Map<String, String> placeholders = Map.of(
                "bizmaster.ha.bind-host", "127.0.0.1",
                "bizmaster.ha.primary-host", "127.0.0.1",
                "bizmaster.ha.primary-port", String.valueOf(primaryPort),
                "bizmaster.ha.backup-host", "127.0.0.1",
                "bizmaster.ha.backup-port", String.valueOf(backupPort));
        primary.createPairMember(Path.of("artemis/ha-primary.properties"), clusterPassword, placeholders);
        backup.createPairMember(Path.of("artemis/ha-backup.properties"), clusterPassword, placeholders);
        return this;
    }

    /** Starts the primary, then the backup, and waits until the backup holds a copy of the primary's journal. */
    public void start() throws Exception {
        primary.start();
        backup.startBackup();
    }

    /**
     * The URL of a client of the pair: both brokers named (the backup is also learnt from the topology), fail-over on,
     * reconnecting without end with back-off to 2 s, as {@code docker-compose.yml} gives BizMaster.
     */
    public String url() {
        return "(tcp://127.0.0.1:" + primaryPort + ",tcp://127.0.0.1:" + backupPort + ")?ha=true&reconnectAttempts=-1"
                + "&retryInterval=100&retryIntervalMultiplier=2&maxRetryInterval=2000";
    }

    /** BizMaster's broker user on both brokers. */
    public String user() {
        return primary.user();
    }

    public String password() {
        return primary.password();
    }

    /** A CORE JMS client of the pair logged in as an AppCenter. */
    public ActiveMQConnectionFactory appCenter() {
        return new ActiveMQConnectionFactory(url(), AppCenter.USER, AppCenter.PASSWORD);
    }

    /** A CORE JMS client of the pair logged in as BizMaster (may consume biz.commands). */
    public ActiveMQConnectionFactory bizMaster() {
        return new ActiveMQConnectionFactory(url(), user(), password());
    }

    /** SIGKILL of the primary; returns the backup's log position from which its activation is looked for. */
    public long killPrimary() throws Exception {
        long from = backup.logSize();
        primary.kill();
        return from;
    }

    /** Waits until the backup says it serves (after {@link #killPrimary()}). */
    public void awaitBackupActive(long logFrom) {
        backup.awaitActive(logFrom, Duration.ofMinutes(2));
    }

    @Override
    public void close() throws Exception {
        try {
            backup.close();
        } finally {
            primary.close();
        }
    }
}
