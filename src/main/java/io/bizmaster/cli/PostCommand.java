package io.bizmaster.cli;

import io.bizmaster.gateway.CommandPoster;
import io.bizmaster.gateway.CommandSplitter;
import io.bizmaster.gateway.OutgoingCommand;
import jakarta.jms.JMSException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "post", description = {"Sends each line of a JSON Lines file to biz.commands (one command per line; "
        + "'-' reads standard input) and prints how many were sent and how many failed; --json: {\"file\", \"sent\", "
        + "\"failed\", \"firstError\"}.",
    "Lines are sent as they are, byte for byte: a bad line is sent too, and the intake logs it as REJECTED with the reason."})
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

    @Mixin
    JsonOption json;

    /** The password of artemis/artemis-users.properties' demo appcenter user, documented there and in the README. */
    static final String DEMO_APPCENTER_PASSWORD = "appcenter-demo";

    @Override
    public Integer call() throws IOException {
        try (Output out = Output.open(json); InputStream in = open()) {
            int sent = 0;
            int failed = 0;
            String firstError = null;
            String password = System.getenv("BIZMASTER_BROKER_PASSWORD");
            if (password == null || password.isEmpty()) {
                password = DEMO_APPCENTER_PASSWORD;
            }
            try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker, user, password)) {
                CommandPoster poster = new CommandPoster(factory);
                List<OutgoingCommand> chunk = new ArrayList<>(CHUNK);
                while (true) {
                    byte[] line = readLine(in);
                    if (line != null && !blank(line)) {
                        chunk.add(CommandSplitter.split(line).get(0));
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
            if (out.json()) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("file", file);
                result.put("broker", broker);
                result.put("sent", sent);
                result.put("failed", failed);
                result.put("firstError", firstError);
                out.json(JsonMapper.builder().build().writeValueAsString(result));
            } else {
                out.text().printf("sent %d, failed %d%n", sent, failed);
            }
            if (firstError != null) {
                System.err.println("first failure: " + firstError + " (is the broker running at " + broker + "?)");
            }
            return failed == 0 ? ExitCodes.OK : ExitCodes.NO;
        }
    }

    private InputStream open() {
        if ("-".equals(file)) {
            // Standard input is the caller's: read it, never close it.
            return new BufferedInputStream(new FilterInputStream(System.in) {
                @Override
                public void close() {
                }
            });
        }
        return new BufferedInputStream(CliFiles.open(Path.of(file)));
    }

    /** The next line's bytes without its end (\n or \r\n), as they are: the intake judges their encoding. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            line.write(b);
            b = in.read();
        }
        byte[] bytes = line.toByteArray();
        return bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? java.util.Arrays.copyOf(bytes, bytes.length - 1) : bytes;
    }

    private static boolean blank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
