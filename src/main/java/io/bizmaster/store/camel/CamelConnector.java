package io.bizmaster.store.camel;

import io.bizmaster.store.Connector;
import io.bizmaster.store.ConnectorCapabilities;
import io.bizmaster.store.ConnectorContext;
import io.bizmaster.store.ConnectorOption;
import io.bizmaster.store.OptionType;
import io.bizmaster.store.StoreTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A write-only store: every converted change is sent as a message to a Camel producer endpoint (any component on the
 * class path, those of jars in {@code connectors/} included), with a message id stable per (store, seq, change) so
 * receivers can de-duplicate. The checkpoint is kept in the business store and moved only after the endpoint
 * confirmed every message of the batch: at-least-once.
 */
public class CamelConnector implements Connector {

    private static final Pattern SCHEME = Pattern.compile("([a-z][a-z0-9+.-]*):.+", Pattern.DOTALL);
    /** A query parameter whose value is a secret, and whose value is not a {{placeholder}}. */
    private static final Pattern SECRET = Pattern.compile(
            "[?&](password|passphrase|passPhrase|secret|secretKey|accessKey|token|authorizationToken)=(?!\\{\\{)[^&]+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern USER_INFO = Pattern.compile("^[a-z][a-z0-9+.-]*://[^/@?{}]+:[^/@?{}]+@");
    /** BizMaster's own endpoints: a feed into them would loop commands back or bypass the log. */
    private static final Set<String> REFUSED = Set.of("jms-batch", "bizmaster-store", "direct", "seda", "controlbus");

    private static final List<ConnectorOption> OPTIONS = List.of(
            ConnectorOption.required("uri", new OptionType.Text(), "the Camel producer endpoint every change is sent to, "
                    + "e.g. file:out/feed or jms:queue:feed; a secret in it must be a {{placeholder}} of a property"),
            ConnectorOption.optional("timeout", new OptionType.WholeNumber(1, 600), "30", "seconds a batch may take to be "
                    + "confirmed before it fails and is sent again"));

    @Override
    public String name() {
        return "camel";
    }

    @Override
    public String description() {
        return "a feed: each change as a message to any Camel endpoint, at-least-once, with a stable message id";
    }

    @Override
    public List<ConnectorOption> options() {
        return OPTIONS;
    }

    @Override
    public ConnectorCapabilities capabilities() {
        return new ConnectorCapabilities(ConnectorCapabilities.Checkpointing.AFTER_CONFIRMATION, false, false);
    }

    @Override
    public List<String> problems(Map<String, String> options) {
        List<String> problems = new ArrayList<>();
        String uri = options.get("uri");
        if (uri == null) {
            return problems;
        }
        Matcher scheme = SCHEME.matcher(uri.strip());
        if (!scheme.matches()) {
            problems.add("uri '" + uri + "' is not a Camel endpoint URI (scheme:path?options, e.g. file:out/feed)");
            return problems;
        }
        String component = scheme.group(1).toLowerCase(Locale.ROOT);
        if (REFUSED.contains(component)) {
            problems.add("uri: component '" + component + "' is BizMaster's own or in-process; a feed goes to another "
                    + "system (file:, jms:, spring-rabbitmq:, ...)");
        } else if (uri.contains("biz.commands")) {
            problems.add("uri: the feed would send changes back into the command intake (biz.commands)");
        } else if (!componentOnClassPath(component)) {
            problems.add("uri: no Camel component '" + component + "' on the class path; drop its jar (camel-" + component
                    + " and what it needs) into connectors/");
        }
        if (SECRET.matcher(uri).find() || USER_INFO.matcher(uri).find()) {
            problems.add("uri: carries a secret in clear; the URI is shown in status and logs, so give the secret as a "
                    + "placeholder of a property, e.g. password={{feed.password}}");
        }
        return problems;
    }

    // Camel finds a component by this resource; checking it here reports a missing jar at start-up, with every other
    // problem, instead of at the first batch.
    private static boolean componentOnClassPath(String component) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader.getResource("META-INF/services/org/apache/camel/component/" + component) != null;
    }

    @Override
    public StoreTarget open(String store, Map<String, String> options, ConnectorContext context) {
        return new CamelTarget(store, options.get("uri").strip(),
                java.time.Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout", "30"))), context);
    }
}
