package io.bizmaster.cli;

import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.gateway.OutgoingCommand;
import jakarta.jms.JMSException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "post", description = {"Sends each line of a JSON Lines file to biz.commands (one command per line; "
        + "'-' reads standard input) and prints how many were sent and how many failed.",
    "Lines are sent as they are: a bad line is sent too, and the intake logs it as REJECTED with the reason."})
public class PostCommand implements Callable<Integer> {

    private static final int CHUNK = 1000;

    @Parameters(paramLabel = "FILE.jsonl", description = "commands, one JSON object per line")
    String file;

    @Option(names = "--broker", defaultValue = "tcp://127.0.0.1:61616", description = "broker URL (default ${DEFAULT-VALUE})")
    String broker;

    @Option(names = "--user", defaultValue = "${env:BIZMASTER_BROKER_USER:-appcenter}",
            description = "broker user (default: BIZMASTER_BROKER_USER, else ${DEFAULT-VALUE}); the password comes from "
                    + "BIZMASTER_BROKER_PASSWORD, else the demo's appcenter password: never from the command line")
    String user;

    /** The password of artemis/artemis-users.properties' demo appcenter user, documented there and in the README. */
    static final String DEMO_APPCENTER_PASSWORD = "appcenter-demo";

    @Override
    public Integer call() throws IOException {
        if (!"-".equals(file) && !Files.isReadable(Path.of(file))) {
            System.err.println("cannot read " + file + ": no such file, or not readable");
            return 2;
        }
        int sent = 0;
        int failed = 0;
        String firstError = null;
        String password = System.getenv("BIZMASTER_BROKER_PASSWORD");
        if (password == null || password.isEmpty()) {
            password = DEMO_APPCENTER_PASSWORD;
        }
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker, user, password);
             BufferedReader reader = open()) {
            CommandPoster poster = new CommandPoster(factory);
            List<OutgoingCommand> chunk = new ArrayList<>(CHUNK);
            String line;
            while (true) {
                line = reader.readLine();
                if (line != null && !line.isBlank()) {
                    chunk.add(CommandSplitter.split(line.getBytes(StandardCharsets.UTF_8)).get(0));
                }
                if (chunk.size() == CHUNK || (line == null && !chunk.isEmpty())) {
                    try {
                        sent += poster.post(chunk);
                    } catch (JMSException e) {
                        failed += chunk.size();
                        firstError = firstError == null ? e.getMessage() : firstError;
                    }
                    chunk.clear();
                }
                if (line == null) {
                    break;
                }
            }
        }
        System.out.printf("sent %d, failed %d%n", sent, failed);
        if (firstError != null) {
            System.err.println("first failure: " + firstError + " (is the broker running at " + broker + "?)");
        }
        return failed == 0 ? 0 : 1;
    }

    private BufferedReader open() throws IOException {
        if ("-".equals(file)) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        return Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
    }
}
