package io.bizmaster.store.redis;

import io.bizmaster.store.RecordBatch;
import io.bizmaster.store.RecordChange;
import io.bizmaster.store.RecordPage;
import io.bizmaster.store.ReadableRecordTarget;
import io.bizmaster.store.StoreUnreachableException;
import io.bizmaster.store.jdbc.ParkedCommands;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One store's records in Redis. Connects on first use and again after a failure, so a Redis that is down at start-up
 * or goes away under load costs retries, never the store: every Redis failure that is not a refusal of data is a
 * {@link StoreUnreachableException}.
 */
final class RedisTarget implements ReadableRecordTarget {

    private static final Logger LOG = LoggerFactory.getLogger(RedisTarget.class);
    private static final String SCRIPT = script("apply-batch.lua");
    private static final String READ_SCRIPT = script("read-records.lua");
    private static final tools.jackson.databind.ObjectMapper PARKED = new tools.jackson.databind.ObjectMapper();
    /** What the script reads as "remove this field". */
    static final String ABSENT = "\0";

    record Settings(String host, int port, int database, String username, String password, String prefix,
                    Duration timeout) {

        @Override
        public String toString() {
            return "redis://" + host + ":" + port + "/" + database + " (prefix " + prefix + ")";
        }
    }

    private final String store;
    private final Settings settings;
    private final RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private String scriptSha;
    private String readSha;

    RedisTarget(String store, Settings settings) {
        this.store = store;
        this.settings = settings;
        RedisURI.Builder uri = RedisURI.builder().withHost(settings.host()).withPort(settings.port())
                .withDatabase(settings.database()).withTimeout(settings.timeout());
        if (settings.password() != null && !settings.password().isBlank()) {
            if (settings.username() != null && !settings.username().isBlank()) {
                uri.withAuthentication(settings.username(), settings.password().toCharArray());
            } else {
                uri.withPassword(settings.password().toCharArray());
            }
        }
        this.client = RedisClient.create(uri.build());
        // A command sent while disconnected fails at once (and the batch is retried) instead of queueing unbounded.
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(settings.timeout()).build())
                .timeoutOptions(TimeoutOptions.enabled(settings.timeout()))
                .build());
    }

    String prefix() {
        return settings.prefix();
    }

    @Override
    public long checkpoint() {
        String value = call("read the checkpoint", r -> r.get(settings.prefix() + ":checkpoint"));
        return value == null ? 0 : Long.parseLong(value);
    }

    @Override
    public Set<String> parkedKeys() {
        return new HashSet<>(call("read the parked keys", r -> r.smembers(settings.prefix() + ":parked-keys")));
    }

    @Override
    public int write(RecordBatch batch) {
        List<String> args = arguments(batch);
        List<Object> answer = call("write seq " + (batch.from() + 1) + " to " + batch.to(), r -> evaluate(r, args));
        String outcome = String.valueOf(answer.get(0));
        return switch (outcome) {
            case "ok" -> Integer.parseInt(String.valueOf(answer.get(1)));
            case "fenced" -> throw new FencedOutException("store '" + store + "': the checkpoint is at "
                    + answer.get(1) + ", not " + batch.from() + " where this batch started: another writer moved it; "
                    + "nothing was written");
            case "rejected" -> {
                int index = Integer.parseInt(String.valueOf(answer.get(1)));
                RecordChange change = batch.changes().get(index);
                throw new RecordRejectedException(index, "store '" + store + "' refused command " + change.commandId()
                        + " (seq " + change.seq() + "): " + answer.get(2));
            }
            default -> throw new IllegalStateException("store '" + store + "': unexpected answer from the apply script: "
                    + answer);
        };
    }

    @SuppressWarnings("unchecked")
    private List<Object> evaluate(RedisCommands<String, String> redis, List<String> args) {
        String[] values = args.toArray(String[]::new);
        try {
            return (List<Object>) redis.evalsha(sha(redis), ScriptOutputType.MULTI, new String[0], values);
        } catch (RedisNoScriptException e) {
            scriptSha = null; // Redis restarted (scripts are not kept): load it again
            return (List<Object>) redis.evalsha(sha(redis), ScriptOutputType.MULTI, new String[0], values);
        }
    }

    private synchronized String sha(RedisCommands<String, String> redis) {
        if (scriptSha == null) {
            scriptSha = redis.scriptLoad(SCRIPT);
        }
        return scriptSha;
    }

    /**
     * The script's arguments (see apply-batch.lua). An increment of a field this batch set earlier is checked here, where
     * the value is known; the script checks only what the store holds.
     */
    private List<String> arguments(RecordBatch batch) {
        List<RecordChange> changes = batch.changes();
        List<String> args = new ArrayList<>(8 + changes.size() * 10);
        args.add(settings.prefix());
        args.add(Long.toString(batch.from()));
        args.add(Long.toString(batch.to()));
        args.add(Integer.toString(changes.size()));
        BatchValues batchValues = changes.stream().anyMatch(c -> !c.adds().isEmpty()) ? new BatchValues() : null;
        for (int index = 0; index < changes.size(); index++) {
            RecordChange change = changes.get(index);
            args.add(change.kind().name().toLowerCase(java.util.Locale.ROOT));
            args.add(change.entity());
            args.add(change.key());
            int setCount = 0;
            for (String value : change.fields().values()) {
                setCount += value == null ? 0 : 1;
            }
            args.add(Integer.toString(setCount));
            change.fields().forEach((field, value) -> {
                if (value != null) {
                    args.add(field);
                    args.add(value);
                }
            });
            args.add(Integer.toString(change.fields().size() - setCount));
            change.fields().forEach((field, value) -> {
                if (value == null) {
                    args.add(field);
                }
            });
            args.add(Integer.toString(change.adds().size()));
            for (Map.Entry<String, Number> add : change.adds().entrySet()) {
                String amount = add.getValue().toString();
                boolean floating = amount.indexOf('.') >= 0 || amount.indexOf('e') >= 0 || amount.indexOf('E') >= 0;
                boolean checkStore = batchValues.checkAdd(change, index, add.getKey(), floating, store);
                args.add(floating ? "f" : "i");
                args.add(add.getKey());
                args.add(amount);
                args.add(checkStore ? "1" : "0");
            }
            if (batchValues != null) {
                batchValues.applied(change);
            }
        }
        args.add(Integer.toString(batch.parked().size()));
        for (RecordBatch.Parked p : batch.parked()) {
            args.add(Long.toString(p.seq()));
            args.add(p.key() == null ? "" : p.key());
            args.add(json(new ParkedCommands.Parked(store, p.seq(), p.commandId(), p.type(), p.key(), p.reason(),
                    java.time.Instant.now(), "PARKED", null)));
        }
        args.add(Integer.toString(batch.settlement().entries().size()));
        for (ParkedCommands.Parked p : batch.settlement().entries()) {
            args.add(Long.toString(p.seq()));
            args.add("APPLIED".equals(p.state()) ? "" : json(p));
        }
        args.add(Integer.toString(batch.settlement().stillParked().size()));
        batch.settlement().stillParked().forEach((key, still) -> {
            args.add(key);
            args.add(still ? "1" : "0");
        });
        return args;
    }

    /**
     * The fields a batch sets, record by record, as far as it has got: an increment of one of them adds to that value,
     * not the store's, so it is checked here.
     */
    private static final class BatchValues {
        private final Map<String, Map<String, String>> set = new java.util.HashMap<>();
        private final Set<String> deleted = new HashSet<>();

        /** Whether the script must check the store's value; throws when the batch's own value cannot be added to. */
        boolean checkAdd(RecordChange change, int index, String field, boolean floating, String store) {
            String record = change.entity() + ":" + change.key();
            Map<String, String> fields = set.get(record);
            if (fields != null && fields.containsKey(field)) {
                String value = fields.get(field);
                if (value != null && !addable(floating, value)) {
                    throw new RecordRejectedException(index, "store '" + store + "' refused command " + change.commandId()
                            + " (seq " + change.seq() + "): field " + field + " of " + record + " is \"" + value
                            + "\", not a number");
                }
                return false;
            }
            return !deleted.contains(record);
        }

        void applied(RecordChange change) {
            String record = change.entity() + ":" + change.key();
            if (change.kind() == RecordChange.Kind.DELETE) {
                set.remove(record);
                deleted.add(record);
            } else if (!change.fields().isEmpty()) {
                set.computeIfAbsent(record, r -> new java.util.HashMap<>()).putAll(change.fields());
            }
        }
    }

    /**
     * Whether HINCRBY (a 64-bit integer written plainly) or HINCRBYFLOAT (a finite decimal number) can add to a field
     * holding {@code value}; the script's {@code addable} is the same rule.
     */
    static boolean addable(boolean floating, String value) {
        if (floating) {
            if (!value.matches("[+-]?[0-9.]+[eE]?[+-]?[0-9]*")) {
                return false;
            }
            try {
                return Double.isFinite(Double.parseDouble(value));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        try {
            return Long.toString(Long.parseLong(value)).equals(value);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String json(ParkedCommands.Parked p) {
        Map<String, Object> parked = new java.util.LinkedHashMap<>();
        parked.put("seq", p.seq());
        parked.put("commandId", p.commandId());
        parked.put("type", p.type());
        parked.put("key", p.key());
        parked.put("reason", p.reason());
        parked.put("parkedAt", p.parkedAt() == null ? null : p.parkedAt().toString());
        parked.put("state", p.state());
        parked.put("skipReason", p.skipReason());
        return PARKED.writeValueAsString(parked);
    }

    private ParkedCommands.Parked parked(String json) {
        tools.jackson.databind.JsonNode p = PARKED.readTree(json);
        String at = p.path("parkedAt").isString() ? p.path("parkedAt").asString() : null;
        return new ParkedCommands.Parked(store, p.path("seq").asLong(), text(p, "commandId"), text(p, "type"),
                text(p, "key"), text(p, "reason"), at == null ? null : java.time.Instant.parse(at),
                p.path("state").isString() ? p.path("state").asString() : "PARKED", text(p, "skipReason"));
    }

    private static String text(tools.jackson.databind.JsonNode node, String field) {
        return node.path(field).isString() ? node.path(field).asString() : null;
    }

    @Override
    public List<ParkedCommands.Parked> parkedCommands() {
        Map<String, String> all = call("read the parked commands", r -> r.hgetall(settings.prefix() + ":parked"));
        return all.values().stream().map(this::parked)
                .sorted(java.util.Comparator.comparingLong(ParkedCommands.Parked::seq)).toList();
    }

    @Override
    public long empty(Set<String> entities) {
        return call("empty " + entities, r -> {
            long removed = 0;
            for (String entity : entities) {
                io.lettuce.core.ScanCursor cursor = io.lettuce.core.ScanCursor.INITIAL;
                // SCAN walks the whole keyspace, so large pages; UNLINK frees the memory off Redis' main thread.
                io.lettuce.core.ScanArgs match = io.lettuce.core.ScanArgs.Builder
                        .matches(settings.prefix() + ":" + entity + ":*").limit(10_000);
                do {
                    io.lettuce.core.KeyScanCursor<String> page = r.scan(cursor, match);
                    if (!page.getKeys().isEmpty()) {
                        removed += r.unlink(page.getKeys().toArray(String[]::new));
                    }
                    cursor = page;
                } while (!cursor.isFinished());
            }
            r.multi();
            r.del(settings.prefix() + ":parked", settings.prefix() + ":parked-keys");
            r.set(settings.prefix() + ":checkpoint", "0");
            r.exec();
            return removed;
        });
    }

    @Override
    public void resetCheckpoint(long seq) {
        call("set the checkpoint to " + seq, r -> {
            Map<String, String> parked = r.hgetall(settings.prefix() + ":parked");
            List<String> forget = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            parked.forEach((at, json) -> {
                ParkedCommands.Parked p = parked(json);
                if (p.seq() > seq) {
                    forget.add(at);
                } else if (p.parked()) {
                    keys.add(p.key());
                }
            });
            r.multi();
            if (!forget.isEmpty()) {
                r.hdel(settings.prefix() + ":parked", forget.toArray(String[]::new));
            }
            r.del(settings.prefix() + ":parked-keys");
            if (!keys.isEmpty()) {
                r.sadd(settings.prefix() + ":parked-keys", keys.toArray(String[]::new));
            }
            r.set(settings.prefix() + ":checkpoint", Long.toString(seq));
            r.exec();
            return null;
        });
    }

    @Override
    public boolean reachable() {
        try {
            return "PONG".equals(call("ping", RedisCommands::ping));
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public RecordPage page(String entity, String afterKey, int limit) {
        List<String> args = new ArrayList<>(List.of(settings.prefix(), entity, "page", afterKey == null ? "0" : "1",
                afterKey == null ? "" : afterKey, Integer.toString(limit)));
        return call("read " + entity + " records", r -> records(r, args));
    }

    @Override
    public RecordPage lookup(String entity, Collection<String> keys) {
        List<String> args = new ArrayList<>(keys.size() + 3);
        args.add(settings.prefix());
        args.add(entity);
        args.add("keys");
        args.addAll(keys);
        return call("look up " + keys.size() + " " + entity + " record(s)", r -> records(r, args));
    }

    @SuppressWarnings("unchecked")
    private RecordPage records(RedisCommands<String, String> redis, List<String> args) {
        String[] values = args.toArray(String[]::new);
        List<Object> answer;
        try {
            answer = (List<Object>) redis.evalsha(readSha(redis), ScriptOutputType.MULTI, new String[0], values);
        } catch (RedisNoScriptException e) {
            readSha = null;
            answer = (List<Object>) redis.evalsha(readSha(redis), ScriptOutputType.MULTI, new String[0], values);
        }
        List<RecordPage.Record> records = new ArrayList<>(answer.size() / 2);
        for (int i = 1; i + 1 < answer.size(); i += 2) {
            List<Object> pairs = (List<Object>) answer.get(i + 1);
            Map<String, String> fields = new TreeMap<>();
            for (int f = 0; f + 1 < pairs.size(); f += 2) {
                fields.put(String.valueOf(pairs.get(f)), String.valueOf(pairs.get(f + 1)));
            }
            records.add(new RecordPage.Record(String.valueOf(answer.get(i)), fields));
        }
        return new RecordPage(Long.parseLong(String.valueOf(answer.get(0))), records);
    }

    private synchronized String readSha(RedisCommands<String, String> redis) {
        if (readSha == null) {
            readSha = redis.scriptLoad(READ_SCRIPT);
        }
        return readSha;
    }

    private interface RedisCall<T> {
        T on(RedisCommands<String, String> redis);
    }

    /**
     * One call at a time on the store's connection: a MULTI of one caller must not take in another caller's commands
     * (the apply route, status and the probe share it).
     */
    private synchronized <T> T call(String what, RedisCall<T> call) {
        try {
            return call.on(connection().sync());
        } catch (RedisConnectionException | io.lettuce.core.RedisCommandTimeoutException e) {
            drop();
            throw new StoreUnreachableException("store '" + store + "' (" + settings + ") cannot " + what + ": "
                    + e.getMessage(), e);
        } catch (RedisException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("NOAUTH") || e.getMessage() != null
                    && e.getMessage().startsWith("WRONGPASS")) {
                throw new StoreUnreachableException("store '" + store + "' (" + settings + ") refused the credentials: "
                        + e.getMessage(), e);
            }
            if (connection == null || !connection.isOpen()) {
                drop();
                throw new StoreUnreachableException("store '" + store + "' (" + settings + ") cannot " + what + ": "
                        + e.getMessage(), e);
            }
            throw e;
        }
    }

    private synchronized StatefulRedisConnection<String, String> connection() {
        if (connection == null || !connection.isOpen()) {
            drop();
            connection = client.connect();
            LOG.info("Store '{}': connected to {}", store, settings);
        }
        return connection;
    }

    private synchronized void drop() {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                LOG.debug("closing store '{}''s Redis connection failed", store, e);
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        drop();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private static String script(String name) {
        try (InputStream in = RedisTarget.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(name + " cannot be read", e);
        }
    }
}
