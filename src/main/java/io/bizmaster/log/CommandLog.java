package io.bizmaster.log;

import io.bizmaster.store.jdbc.IndexedLookups;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The append-only command log in the business store. Appends are serialized by a lock on the single
 * {@code log_head} row, which makes sequence numbers dense and the de-duplication check race-free
 * between any number of intake consumers or instances.
 */
public class CommandLog {

    private static final String COLUMNS =
            "seq, command_id, type, entity_key, source, issued_at, received_at, status, reason, body, domain, domain_seq";

    private final DataSource dataSource;
    private final LogTail tail;
    private final CommandIdentity identity;

    public CommandLog(DataSource dataSource) {
        this(dataSource, 0);
    }

    /** @param tailCapacity how many of the latest appended entries to keep in memory for the stores (0: none) */
    public CommandLog(DataSource dataSource, int tailCapacity) {
        this.dataSource = dataSource;
        this.tail = new LogTail(tailCapacity);
        this.identity = new CommandIdentity();
    }

    public Appended append(NewEntry entry) {
        return appendAll(List.of(entry)).get(0);
    }

    /**
     * Appends a batch in one transaction: one lock on the head, one batched insert, one commit. Each entry
     * gets the next sequence number, unless it duplicates a logged command (or one earlier in the batch),
     * in which case its answer is that entry and nothing is written.
     */
    public List<Appended> appendAll(List<NewEntry> entries) {
        return appendAll(null, entries);
    }

    /**
     * {@link #appendAll(List)} in a named command domain (null: the default domain): each new entry also gets the
     * domain's next number, under the same lock, so every domain's numbering is dense too.
     */
    public List<Appended> appendAll(String domain, List<NewEntry> entries) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long seq = lockHead(c);
                long[] domainSeq = {domain == null ? 0 : domainHead(c, domain)};
                long domainStart = domainSeq[0];
                Map<String, LogEntry> accepted = existing(c, "accepted_id", "",
                        entries.stream().filter(e -> e.status() == CommandStatus.ACCEPTED).map(NewEntry::commandId).toList());
                // A rejected message redelivered after a crash is recognised by the broker's message id.
                Map<String, LogEntry> rejected = existing(c, "message_id", " AND status = 'REJECTED'",
                        entries.stream().filter(e -> e.status() == CommandStatus.REJECTED && e.messageId() != null)
                                .map(NewEntry::messageId).toList());
                List<Appended> answers = new ArrayList<>(entries.size());
                Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                    for (NewEntry entry : entries) {
                        boolean isAccepted = entry.status() == CommandStatus.ACCEPTED;
                        String dedupeKey = isAccepted ? entry.commandId() : entry.messageId();
                        Map<String, LogEntry> seen = isAccepted ? accepted : rejected;
                        LogEntry duplicate = dedupeKey == null ? null : seen.get(dedupeKey);
                        NewEntry toWrite = entry;
                        if (duplicate != null && isAccepted && !identity.same(entry, duplicate)) {
                            LogEntry earlier = rejectedEarlier(c, entry.messageId(), rejected);
                            if (earlier == null) {
                                toWrite = reuse(entry, duplicate);
                            }
                            duplicate = earlier; // null: a new rejection; else this very message, redelivered
                        }
                        if (duplicate != null) {
                            answers.add(new Appended(duplicate, true));
                            continue;
                        }
                        LogEntry written = bind(insert, ++seq, toWrite, receivedAt, domain,
                                domain == null ? null : ++domainSeq[0]);
                        insert.addBatch();
                        if (toWrite.status() == CommandStatus.REJECTED && toWrite.messageId() != null) {
                            rejected.put(toWrite.messageId(), written);
                        } else if (dedupeKey != null) {
                            seen.put(dedupeKey, written);
                        }
                        answers.add(new Appended(written, false));
                    }
                    insert.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE log_head SET seq = ? WHERE id = 1")) {
                    ps.setLong(1, seq);
                    ps.executeUpdate();
                }
                if (domain != null && domainSeq[0] != domainStart) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE domain_head SET seq = ? WHERE domain = ?")) {
                        ps.setLong(1, domainSeq[0]);
                        ps.setString(2, domain);
                        ps.executeUpdate();
                    }
                }
                c.commit();
                tail.committed(answers.stream().filter(a -> !a.duplicate()).map(Appended::entry).toList());
                return answers;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new LogUnavailableException("cannot append " + entries.size() + " command(s) to the command log, first "
                    + entries.get(0).commandId() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A command that reuses a logged id for a different type, key or payload: logged as rejected, with its id, type,
     * key and body kept as evidence, so the sender can learn from {@code GET /api/commands/ID} what happened to it.
     */
    private NewEntry reuse(NewEntry entry, LogEntry logged) {
        return new NewEntry(entry.commandId(), entry.messageId(), entry.type(), entry.key(), entry.source(), entry.issuedAt(),
                CommandStatus.REJECTED, "id '" + entry.commandId() + "' already used at seq " + logged.seq()
                + " by a different command (" + identity.difference(entry, logged) + " differs); a new command needs a "
                + "new id", entry.body());
    }

    /** The rejection already logged for this broker message, if it is a redelivery (a crash before the ack). */
    private LogEntry rejectedEarlier(Connection c, String messageId, Map<String, LogEntry> rejected) throws SQLException {
        if (messageId == null) {
            return null;
        }
        LogEntry known = rejected.get(messageId);
        if (known != null) {
            return known;
        }
        return existing(c, "message_id", " AND status = 'REJECTED'", List.of(messageId)).get(messageId);
    }

    /**
     * The logged entries whose {@code column} is one of {@code values}. One array parameter, not an IN list:
     * PostgreSQL's generic plan for a 500-parameter IN list took seconds where this takes a millisecond.
     */
    private Map<String, LogEntry> existing(Connection c, String column, String condition, List<String> values)
            throws SQLException {
        Map<String, LogEntry> found = new HashMap<>();
        if (values.isEmpty()) {
            return found;
        }
        String sql = "SELECT " + COLUMNS + ", " + column + " FROM command_log WHERE " + column + " = ANY (?)" + condition;
        return IndexedLookups.read(c, () -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                java.sql.Array array = c.createArrayOf("VARCHAR", values.toArray());
                ps.setArray(1, array);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(13), entry(rs));
                    }
                } finally {
                    array.free();
                }
            }
            return found;
        });
    }

    /**
     * For a sender about to post: which of these commands (id → body as it will be posted) reuse an id the log holds
     * for a different command, with the rejection the intake will log for each. A command still in the queue is not
     * seen; the intake decides about it all the same.
     */
    public Map<String, String> conflicts(Map<String, String> bodies) {
        Map<String, String> conflicts = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(bodies.keySet());
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < ids.size(); from += 500) {
                Map<String, LogEntry> logged = existing(c, "accepted_id", "", ids.subList(from, Math.min(ids.size(), from + 500)));
                for (Map.Entry<String, LogEntry> found : logged.entrySet()) {
                    NewEntry candidate = identity.probe(found.getKey(), bodies.get(found.getKey()));
                    if (!identity.same(candidate, found.getValue())) {
                        conflicts.put(found.getKey(), reuse(candidate, found.getValue()).reason());
                    }
                }
            }
        } catch (SQLException e) {
            throw new LogUnavailableException("cannot read the command log: " + e.getMessage(), e);
        }
        return conflicts;
    }

    /** The highest sequence number in the log (0 when empty). */
    public long head() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT seq FROM log_head WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new LogUnavailableException("cannot read the command log head: " + e.getMessage(), e);
        }
    }

    /** Entries after {@code afterSeq}, in sequence order, at most {@code limit}. */
    public List<LogEntry> readAfter(long afterSeq, int limit) {
        return query("SELECT " + COLUMNS + " FROM command_log WHERE seq > ? ORDER BY seq LIMIT ?", afterSeq, limit);
    }

    /**
     * Entries after {@code afterSeq} for a store to apply: from the in-memory tail when it holds them (then
     * possibly fewer than the log has, never a gap), else from the business store.
     */
    public List<LogEntry> nextToApply(long afterSeq, int limit) {
        List<LogEntry> recent = recent(afterSeq, limit);
        return recent != null ? recent : readAfter(afterSeq, limit);
    }

    /** Entries after {@code afterSeq} from the in-memory tail, or null when it does not hold them. */
    public List<LogEntry> recent(long afterSeq, int limit) {
        return tail.after(afterSeq, limit);
    }

    /**
     * What an operator looks for: entries matching every criterion given, at most {@code limit}, oldest first after
     * {@code fromSeq} or newest first before it. Each criterion is a bound parameter, never part of the SQL.
     */
    public List<LogEntry> search(LogSearch search, boolean newestFirst, long fromSeq, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM command_log WHERE seq " + (newestFirst ? "<" : ">")
                + " ?");
        List<Object> params = new ArrayList<>();
        params.add(fromSeq);
        if (search.status() != null) {
            sql.append(" AND status = ?");
            params.add(search.status().name());
        }
        if (search.type() != null) {
            sql.append(" AND type = ?");
            params.add(search.type());
        }
        if (search.key() != null) {
            sql.append(" AND entity_key = ?");
            params.add(search.key());
        }
        if (search.commandId() != null) {
            sql.append(" AND command_id = ?");
            params.add(search.commandId());
        }
        sql.append(newestFirst ? " ORDER BY seq DESC LIMIT ?" : " ORDER BY seq LIMIT ?");
        params.add(limit);
        return query(sql.toString(), params.toArray());
    }

    /** How many entries of this status lie in {@code (afterSeq, upToSeq]}: an index range, not a count of the log. */
    public long count(CommandStatus status, long afterSeq, long upToSeq) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT COUNT(*) FROM command_log WHERE status = ? AND seq > ? AND seq <= ?")) {
            ps.setString(1, status.name());
            ps.setLong(2, afterSeq);
            ps.setLong(3, upToSeq);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new LogUnavailableException("cannot count the command log: " + e.getMessage(), e);
        }
    }

    /** Every entry that carried this command id: at most one accepted, any number rejected. */
    public List<LogEntry> byCommandId(String commandId) {
        return query("SELECT " + COLUMNS + " FROM command_log WHERE command_id = ? ORDER BY seq", commandId);
    }

    public Optional<LogEntry> bySeq(long seq) {
        return query("SELECT " + COLUMNS + " FROM command_log WHERE seq = ?", seq).stream().findFirst();
    }

    public long count(CommandStatus status) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM command_log WHERE status = ?")) {
            ps.setString(1, status.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new LogUnavailableException("cannot count the command log: " + e.getMessage(), e);
        }
    }

    private long lockHead(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM log_head WHERE id = 1 FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("log_head has no row: the business store was not migrated");
            }
            return rs.getLong(1);
        }
    }

    /**
     * A named domain's head, read under the lock on log_head (which every append holds, so nobody else moves it); the
     * domain's row is made at its first command.
     */
    private static long domainHead(Connection c, String domain) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM domain_head WHERE domain = ?")) {
            ps.setString(1, domain);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO domain_head (domain, seq) VALUES (?, 0)")) {
            ps.setString(1, domain);
            ps.executeUpdate();
        }
        return 0;
    }

    /** Each named domain's head: the number of its latest command (the default domain's is {@link #head()}). */
    public Map<String, Long> domainHeads() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT domain, seq FROM domain_head ORDER BY domain");
             ResultSet rs = ps.executeQuery()) {
            Map<String, Long> heads = new LinkedHashMap<>();
            while (rs.next()) {
                heads.put(rs.getString(1), rs.getLong(2));
            }
            return heads;
        } catch (SQLException e) {
            throw new LogUnavailableException("cannot read the domains' heads: " + e.getMessage(), e);
        }
    }

    private static final String INSERT = "INSERT INTO command_log (seq, command_id, accepted_id, message_id, type, "
            + "entity_key, source, issued_at, received_at, status, reason, body, domain, domain_seq) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static LogEntry bind(PreparedStatement ps, long seq, NewEntry e, Instant receivedAt, String domain,
                                 Long domainSeq) throws SQLException {
        ps.setLong(1, seq);
        ps.setString(2, e.commandId());
        ps.setString(3, e.status() == CommandStatus.ACCEPTED ? e.commandId() : null);
        ps.setString(4, e.messageId());
        ps.setString(5, e.type());
        ps.setString(6, e.key());
        ps.setString(7, e.source());
        setInstant(ps, 8, e.issuedAt());
        setInstant(ps, 9, receivedAt);
        ps.setString(10, e.status().name());
        ps.setString(11, e.reason());
        ps.setString(12, e.body());
        ps.setString(13, domain);
        if (domainSeq == null) {
            ps.setNull(14, Types.BIGINT);
        } else {
            ps.setLong(14, domainSeq);
        }
        return new LogEntry(seq, e.commandId(), e.type(), e.key(), e.source(), e.issuedAt(), receivedAt, e.status(),
                e.reason(), e.body(), domain, domainSeq);
    }

    private static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, instant.atOffset(ZoneOffset.UTC));
        }
    }

    private List<LogEntry> query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            return list(c, sql, params);
        } catch (SQLException e) {
            throw new LogUnavailableException("cannot read the command log: " + e.getMessage(), e);
        }
    }

    private List<LogEntry> list(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<LogEntry> entries = new ArrayList<>();
                while (rs.next()) {
                    entries.add(entry(rs));
                }
                return entries;
            }
        }
    }

    private static LogEntry entry(ResultSet rs) throws SQLException {
        return new LogEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                instant(rs, 6), instant(rs, 7), CommandStatus.valueOf(rs.getString(8)), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getObject(12) == null ? null : rs.getLong(12));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
