package io.bizmaster.store.redis;

import io.bizmaster.store.Connector;
import io.bizmaster.store.ConnectorCapabilities;
import io.bizmaster.store.ConnectorContext;
import io.bizmaster.store.ConnectorOption;
import io.bizmaster.store.OptionType;
import io.bizmaster.store.StoreTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A read model in Redis: one hash per record ({@code PREFIX:ENTITY:KEY}), an ordered key index per entity (a sorted
 * set read with ZRANGEBYLEX), the checkpoint and the parked commands under the same prefix; a batch and its checkpoint
 * written by one script, fenced by the checkpoint it started from.
 */
public class RedisConnector implements Connector {

    /** Host names and addresses only: the option goes to a socket, never into a URL or a command line. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.]+]");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)*");

    private static final List<ConnectorOption> OPTIONS = List.of(
            ConnectorOption.optional("host", new OptionType.Text(), "127.0.0.1", "Redis host"),
            ConnectorOption.optional("port", new OptionType.WholeNumber(1, 65_535), "6379", "Redis port"),
            ConnectorOption.optional("database", new OptionType.WholeNumber(0, 15), "0", "Redis database number"),
            ConnectorOption.optional("username", new OptionType.Text(), null, "ACL user (Redis 6+)"),
            ConnectorOption.secret("password", "password (AUTH)"),
            ConnectorOption.optional("key-prefix", new OptionType.Text(), null, "what every key of the store starts with "
                    + "(default bizmaster:STORE); a replay empties only these keys"),
            ConnectorOption.optional("timeout", new OptionType.WholeNumber(1, 600), "5", "seconds a command may wait for "
                    + "Redis before the batch fails and is retried"));

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public String description() {
        return "a read model in Redis: a hash per record, a batch and its checkpoint in one fenced script";
    }

    @Override
    public List<ConnectorOption> options() {
        return OPTIONS;
    }

    @Override
    public ConnectorCapabilities capabilities() {
        return new ConnectorCapabilities(ConnectorCapabilities.Checkpointing.TRANSACTIONAL, true, true);
    }

    @Override
    public List<String> problems(Map<String, String> options) {
        List<String> problems = new ArrayList<>();
        String host = options.get("host");
        if (host != null && !host.isBlank() && !HOST.matcher(host).matches()) {
            problems.add("option 'host': '" + host + "' is not a host name or address");
        }
        String prefix = options.get("key-prefix");
        if (prefix != null && !prefix.isBlank() && (prefix.length() > 100 || !PREFIX.matcher(prefix).matches())) {
            problems.add("option 'key-prefix': '" + prefix + "' must be words of letters, digits, '_', '.' or '-' "
                    + "joined by ':' (at most 100 characters), e.g. bizmaster:cache");
        }
        return problems;
    }

    @Override
    public StoreTarget open(String store, Map<String, String> options, ConnectorContext context) {
        RedisTarget.Settings settings = new RedisTarget.Settings(
                value(options, "host", "127.0.0.1"),
                Integer.parseInt(value(options, "port", "6379")),
                Integer.parseInt(value(options, "database", "0")),
                options.get("username"),
                options.get("password"),
                value(options, "key-prefix", "bizmaster:" + store),
                Duration.ofSeconds(Long.parseLong(value(options, "timeout", "5"))));
        return new RedisTarget(store, settings);
    }

    private static String value(Map<String, String> options, String name, String otherwise) {
        String value = options.get(name);
        return value == null || value.isBlank() ? otherwise : value;
    }
}
