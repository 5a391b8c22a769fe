package com.example.bizmaster.jsonl;

import io.bizmaster.store.RecordBatch;
import io.bizmaster.store.RecordChange;
import io.bizmaster.store.RecordTarget;
import io.bizmaster.store.StoreUnreachableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The atomicity contract of {@link RecordTarget#write} kept with two files: the journal, appended to, and the checkpoint
 * file ({@code seq length}), replaced atomically after the journal is on disk. A batch starts by cutting the journal
 * back to the checkpoint's length, which removes whatever a crash left after it; the checkpoint file is the fence.
 */
final class JsonlTarget implements RecordTarget {

    private final String store;
    private final Path journal;
    private final Path checkpointFile;
    private final Path parkedFile;
    private final boolean sync;

    JsonlTarget(String store, Path folder, boolean sync) {
        this.store = store;
        this.journal = folder.resolve(store + ".jsonl");
        this.checkpointFile = folder.resolve(store + ".checkpoint");
        this.parkedFile = folder.resolve(store + ".parked");
        this.sync = sync;
    }

    private record Mark(long seq, long length) {
    }

    private synchronized Mark mark() {
        try {
            if (!Files.exists(checkpointFile)) {
                return new Mark(0, 0);
            }
            String[] parts = Files.readString(checkpointFile).strip().split(" ");
            return new Mark(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (IOException | RuntimeException e) {
            throw new StoreUnreachableException("store '" + store + "' cannot read " + checkpointFile + ": " + e, e);
        }
    }

    @Override
    public long checkpoint() {
        return mark().seq();
    }

    @Override
    public synchronized Set<String> parkedKeys() {
        Set<String> keys = new HashSet<>();
        try {
            if (Files.exists(parkedFile)) {
                for (String line : Files.readAllLines(parkedFile)) {
                    String[] parts = line.split("\t", 3);
                    if (parts.length >= 2 && Long.parseLong(parts[0]) <= checkpoint()) {
                        keys.add(parts[1]);
                    }
                }
            }
        } catch (IOException e) {
            throw new StoreUnreachableException("store '" + store + "' cannot read " + parkedFile + ": " + e, e);
        }
        return keys;
    }

    @Override
    public synchronized int write(RecordBatch batch) {
        Mark at = mark();
        if (at.seq() != batch.from()) {
            throw new FencedOutException("store '" + store + "': the checkpoint is at " + at.seq() + ", not "
                    + batch.from() + " where this batch started; nothing was written");
        }
        try {
            Files.createDirectories(journal.getParent());
            long length;
            try (FileChannel file = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                file.truncate(at.length());
                file.position(at.length());
                StringBuilder lines = new StringBuilder();
                for (RecordChange change : batch.changes()) {
                    lines.append(line(change)).append('\n');
                }
                ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    file.write(bytes);
                }
                if (sync) {
                    file.force(true);
                }
                length = file.position();
            }
            if (!batch.parked().isEmpty()) {
                StringBuilder parked = new StringBuilder();
                batch.parked().forEach(p -> parked.append(p.seq()).append('\t').append(p.key()).append('\t')
                        .append(p.reason().replace('\n', ' ')).append('\n'));
                Files.writeString(parkedFile, parked, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            replaceCheckpoint(batch.to(), length);
        } catch (IOException e) {
            throw new StoreUnreachableException("store '" + store + "' cannot write " + journal + ": " + e, e);
        }
        return 0;
    }

    private void replaceCheckpoint(long seq, long length) throws IOException {
        Path next = checkpointFile.resolveSibling(checkpointFile.getFileName() + ".next");
        Files.writeString(next, seq + " " + length + "\n");
        try {
            Files.move(next, checkpointFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(next, checkpointFile, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public synchronized long empty(Set<String> entities) {
        try {
            long removed = Files.exists(journal) ? Files.readAllLines(journal).size() : 0;
            Files.deleteIfExists(parkedFile);
            // The checkpoint moves last: interrupted here, the next batch still cuts the journal back to its mark.
            replaceCheckpoint(0, 0);
            Files.deleteIfExists(journal);
            return removed;
        } catch (IOException e) {
            throw new StoreUnreachableException("store '" + store + "' cannot empty " + journal + ": " + e, e);
        }
    }

    @Override
    public void resetCheckpoint(long seq) {
        throw new IllegalStateException("store '" + store + "': a journal can be replayed from 0 only (its length at "
                + "seq " + seq + " is not kept)");
    }

    @Override
    public boolean reachable() {
        return Files.isWritable(journal.getParent()) || !Files.exists(journal.getParent());
    }

    @Override
    public void close() {
        // Nothing held open between batches.
    }

    private static String line(RecordChange change) {
        StringBuilder json = new StringBuilder("{");
        field(json, "seq", change.seq());
        json.append(',');
        field(json, "commandId", change.commandId());
        json.append(',');
        field(json, "change", change.kind().name().toLowerCase(java.util.Locale.ROOT));
        json.append(',');
        field(json, "entity", change.entity());
        json.append(',');
        field(json, "key", change.key());
        if (!change.fields().isEmpty()) {
            json.append(",\"fields\":{");
            appendMap(json, change.fields());
            json.append('}');
        }
        if (!change.adds().isEmpty()) {
            json.append(",\"adds\":{");
            appendMap(json, change.adds());
            json.append('}');
        }
        return json.append('}').toString();
    }

    private static void appendMap(StringBuilder json, Map<String, ?> values) {
        boolean first = true;
        for (Map.Entry<String, ?> e : values.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            field(json, e.getKey(), e.getValue());
        }
    }

    private static void field(StringBuilder json, String name, Object value) {
        json.append(quote(name)).append(':');
        if (value == null) {
            json.append("null");
        } else if (value instanceof Number) {
            json.append(value);
        } else {
            json.append(quote(value.toString()));
        }
    }

    private static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
