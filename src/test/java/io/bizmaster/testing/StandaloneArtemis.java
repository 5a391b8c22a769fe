package io.bizmaster.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.utils.PasswordMaskingUtil;

/**
 * A broker from the Artemis distribution, set up as {@code artemis/README.md} tells an operator to: an instance made by
 * {@code artemis create}, then {@code broker.xml}, {@code artemis-users.properties} and {@code artemis-roles.properties}
 * copied over its own, and BizMaster's user added (hashed, never on a command line). Run as its own OS process, so a
 * test can kill it with SIGKILL and start it again on the same journal.
 */
public final class StandaloneArtemis implements AutoCloseable {

    private final Path home;
    private final Path instance;
    private final Path log;
    private final int port;
    private final String password;
    /** JVM system properties of the broker (the placeholders of a pair's broker properties), never a secret. */
    private Map<String, String> systemProperties = Map.of();
    /** What {@code artemis run --properties} reads over broker.xml; empty: broker.xml alone. */
    private String properties = "";
    private Process process;

    /** @param home the unpacked distribution (the chaos profile unpacks it under target/) */
    public StandaloneArtemis(Path home, Path instance, Path log) {
        this(home, instance, log, TestPorts.free(), HexFormat.of().formatHex(new SecureRandom().generateSeed(16)));
    }

    /** A broker on {@code port} whose BizMaster user has {@code password} (the two brokers of a pair share it). */
    StandaloneArtemis(Path home, Path instance, Path log, int port, String password) {
        this.home = home;
        this.instance = instance;
        this.log = log;
        this.port = port;
        this.password = password;
    }

    public int port() {
        return port;
    }

    /** BizMaster's broker user on this broker. */
    public String user() {
        return "bizmaster";
    }

    public String password() {
        return password;
    }

    /** The URL BizMaster uses: its CORE client reconnects by itself whenever the broker comes back. */
    public String url() {
        return "tcp://127.0.0.1:" + port + "?reconnectAttempts=-1&retryInterval=200&retryIntervalMultiplier=2"
                + "&maxRetryInterval=2000";
    }

    public StandaloneArtemis create() throws Exception {
        createInstance();
        Path etc = instance.resolve("etc");
        String brokerXml = Files.readString(Path.of("artemis/broker.xml")).replace("tcp://127.0.0.1:61616", "tcp://127.0.0.1:" + port);
        assertThat(brokerXml).contains("127.0.0.1:" + port);
        Files.writeString(etc.resolve("broker.xml"), brokerXml);
        return this;
    }

    /**
     * One broker of a replicated pair as artemis/README.md sets it up: broker.xml copied unchanged, the role's broker
     * properties ({@code artemis/ha-primary.properties} or {@code ha-backup.properties}) as etc/broker.properties, the
     * cluster password in etc/cluster.properties (made here, as an operator makes it), hosts and ports as system
     * properties.
     */
    StandaloneArtemis createPairMember(Path roleProperties, String clusterPassword, Map<String, String> placeholders)
            throws Exception {
        createInstance();
        Path etc = instance.resolve("etc");
        Files.copy(Path.of("artemis/broker.xml"), etc.resolve("broker.xml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(roleProperties, etc.resolve("broker.properties"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path cluster = etc.resolve("cluster.properties");
        Files.writeString(cluster, "clusterPassword=" + clusterPassword + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(cluster, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        this.systemProperties = Map.copyOf(placeholders);
        this.properties = etc.resolve("broker.properties") + "," + cluster;
        return this;
    }

    private void createInstance() throws Exception {
        // The admin user 'create' insists on is replaced below by BizMaster's users file: a throwaway password.
        String throwaway = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Process create = new ProcessBuilder(home.resolve("bin/artemis").toString(), "create", instance.toString(),
                "--silent", "--force", "--no-web", "--no-autotune", "--no-amqp-acceptor", "--no-mqtt-acceptor",
                "--no-stomp-acceptor", "--no-hornetq-acceptor", "--require-login", "--java-memory", "512M",
                "--user", "admin", "--password", throwaway)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        assertThat(create.waitFor(3, TimeUnit.MINUTES)).as("artemis create finished (see %s)", log).isTrue();
        assertThat(create.exitValue()).as("artemis create succeeded (see %s)", log).isZero();
        Path etc = instance.resolve("etc");
        Files.copy(Path.of("artemis/artemis-users.properties"), etc.resolve("artemis-users.properties"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(Path.of("artemis/artemis-roles.properties"), etc.resolve("artemis-roles.properties"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String hash = PasswordMaskingUtil.wrap(PasswordMaskingUtil.getDefaultCodec(Map.of("algorithm", "one-way")).encode(password));
        Files.writeString(etc.resolve("artemis-users.properties"), "\n" + user() + " = " + hash + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        List<String> roles = Files.readAllLines(etc.resolve("artemis-roles.properties"));
        assertThat(roles).as("the shipped roles file names BizMaster's role").anyMatch(l -> l.startsWith("bizmaster ="));
    }

    /** Starts the broker and waits until its acceptor takes connections. */
    public void start() throws IOException {
        launch();
        Eventually.await("the standalone broker accepting on port " + port, Duration.ofSeconds(90), () -> {
            assertThat(process.isAlive()).as("broker process alive (see %s)", log).isTrue();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /**
     * Starts a pair's backup and waits until it has copied the primary's journal (it opens no acceptor until it takes
     * over).
     */
    void startBackup() throws IOException {
        long from = Files.exists(log) ? Files.size(log) : 0;
        launch();
        awaitLog("the backup synchronised with the primary", "AMQ221024", from);
    }

    /** Waits until the broker says it serves (a backup that took over, or a primary). */
    void awaitActive(long logFrom, Duration timeout) {
        awaitLog("the broker active", "AMQ221007", logFrom, timeout);
    }

    long logSize() throws IOException {
        return Files.exists(log) ? Files.size(log) : 0;
    }

    private void awaitLog(String what, String code, long from) {
        awaitLog(what, code, from, Duration.ofSeconds(90));
    }

    private void awaitLog(String what, String code, long from, Duration timeout) {
        Eventually.await(what + " (" + code + " in " + log + ")", timeout, () -> {
            assertThat(process != null && process.isAlive()).as("broker process alive (see %s)", log).isTrue();
            try {
                byte[] bytes = Files.readAllBytes(log);
                return new String(bytes, (int) Math.min(from, bytes.length), (int) Math.max(0, bytes.length - from),
                        StandardCharsets.UTF_8).contains(code);
            } catch (IOException e) {
                return false;
            }
        });
    }

    private void launch() throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(instance.resolve("bin/artemis").toString(), "run"));
        if (!properties.isEmpty()) {
            command.addAll(List.of("--properties", properties));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(instance.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // bin/artemis passes JAVA_ARGS_APPEND to the JVM: the placeholders only, the secrets are in files.
        StringBuilder append = new StringBuilder();
        systemProperties.forEach((name, value) -> append.append(" -D").append(name).append('=').append(value));
        if (!append.isEmpty()) {
            builder.environment().put("JAVA_ARGS_APPEND", append.toString().trim());
        }
        process = builder.start();
    }

    /** SIGKILL: no shutdown, whatever the journal had not synced is gone. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
            process = null;
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
            process = null;
        }
    }
}
