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
    private final int port = TestPorts.free();
    private final String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private Process process;

    /** @param home the unpacked distribution (the chaos profile unpacks it under target/) */
    public StandaloneArtemis(Path home, Path instance, Path log) {
        this.home = home;
        this.instance = instance;
        this.log = log;
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
        String brokerXml = Files.readString(Path.of("artemis/broker.xml")).replace("tcp://127.0.0.1:61616", "tcp://127.0.0.1:" + port);
        assertThat(brokerXml).contains("127.0.0.1:" + port);
        Files.writeString(etc.resolve("broker.xml"), brokerXml);
        Files.copy(Path.of("artemis/artemis-users.properties"), etc.resolve("artemis-users.properties"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(Path.of("artemis/artemis-roles.properties"), etc.resolve("artemis-roles.properties"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String hash = PasswordMaskingUtil.wrap(PasswordMaskingUtil.getDefaultCodec(Map.of("algorithm", "one-way")).encode(password));
        Files.writeString(etc.resolve("artemis-users.properties"), "\n" + user() + " = " + hash + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        List<String> roles = Files.readAllLines(etc.resolve("artemis-roles.properties"));
        assertThat(roles).as("the shipped roles file names BizMaster's role").anyMatch(l -> l.startsWith("bizmaster ="));
        return this;
    }

    /** Starts the broker and waits until its acceptor takes connections. */
    public void start() throws IOException {
        process = new ProcessBuilder(instance.resolve("bin/artemis").toString(), "run").directory(instance.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
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
