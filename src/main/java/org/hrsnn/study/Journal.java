package org.hrsnn.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only journal of trial events, one JSON object a line ({@code {"v": 1, "event": ...,
 * "trial": n, ...}}). Every append is forced to disk before it returns, under an exclusive file lock, so
 * several processes (and threads) can share one study. Replay tolerates a torn last line (a crash in the
 * middle of a write), which the next append cuts off; any other unreadable line is an error naming it.
 */
public final class Journal implements EventLog {
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A journal that cannot be read. */
    public static final class CorruptJournalException extends IOException {
        public CorruptJournalException(Path file, int line, String problem) {
            super(file + ": line " + line + ": " + problem);
        }

        /** A record of another backend: {@code where} is its location, {@code at} the record (as "event 12"). */
        public CorruptJournalException(String where, String at, String problem) {
            super(where + ": " + at + ": " + problem);
        }
    }

    /** One event as written: its kind, its trial and the rest of the object. */
    public record Event(String kind, int trial, ObjectNode body) {}

    /** What {@link #locked} hands to its action: the events so far and a way to add more. */
    public interface Session {
        List<Event> events();

        void append(String kind, int trial, ObjectNode body) throws IOException;
    }

    @FunctionalInterface
    public interface Action<T> {
        T apply(Session session) throws IOException;
    }

    private final Path file;
    /** File locks are per process (a second one in the same process throws), so threads wait here first: one monitor per file. */
    private static final java.util.concurrent.ConcurrentHashMap<Path, Object> THREADS = new java.util.concurrent.ConcurrentHashMap<>();
    private final Object threads;

    public Journal(Path file) {
        this.file = file;
        this.threads = THREADS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new Object());
    }

    public Path file() {
        return file;
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public CorruptJournalException conflict(int index, String problem) {
        return new CorruptJournalException(file, index + 1, problem);
    }

    /** Replays the journal without taking the lock (a consistent prefix: appends are whole lines). */
    @Override
    public List<Event> read() throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return parse(readAll(ch)).events;
        }
    }

    /** Runs {@code action} holding the exclusive lock: it sees every event written so far and may append. */
    @Override
    public <T> T locked(Action<T> action) throws IOException {
        synchronized (threads) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
                 FileLock ignored = ch.lock()) {
                Parsed p = parse(readAll(ch));
                if (p.validLength < ch.size()) ch.truncate(p.validLength); // cut a torn last line
                List<Event> events = new ArrayList<>(p.events);
                return action.apply(new Session() {
                    public List<Event> events() {
                        return List.copyOf(events);
                    }

                    public void append(String kind, int trial, ObjectNode body) throws IOException {
                        ObjectNode o = stored(kind, trial, body);
                        byte[] line = (text(o) + "\n").getBytes(StandardCharsets.UTF_8);
                        ch.position(ch.size());
                        if (org.hrsnn.export.CrashPoints.due("journal.torn")) { // fault injection: half a line on disk, then halt
                            ch.write(ByteBuffer.wrap(line, 0, line.length / 2));
                            ch.force(true);
                        }
                        org.hrsnn.export.CrashPoints.reach("journal.torn");
                        ByteBuffer buf = ByteBuffer.wrap(line);
                        try {
                            while (buf.hasRemaining()) ch.write(buf);
                            ch.force(true);
                        } catch (IOException e) { // a part of the line may be on disk: the next append cuts it off
                            throw new IOException("cannot append to " + file + ": " + org.hrsnn.export.FileProblems.describe(e), e);
                        }
                        org.hrsnn.export.CrashPoints.reach("journal.fsync");
                        events.add(new Event(kind, trial, o));
                    }
                });
            }
        }
    }

    private static byte[] readAll(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) ch.size());
        ch.position(0);
        while (buf.hasRemaining() && ch.read(buf) >= 0) { /* fill */ }
        return buf.array();
    }

    private record Parsed(List<Event> events, long validLength) {}

    private Parsed parse(byte[] bytes) throws CorruptJournalException {
        List<Event> events = new ArrayList<>();
        int start = 0, line = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') end++;
            line++;
            if (end == bytes.length) return new Parsed(events, start); // no newline: a torn last line, ignored
            String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            events.add(event(text, line));
            start = end + 1;
        }
        return new Parsed(events, bytes.length);
    }

    private Event event(String text, int line) throws CorruptJournalException {
        return parse(text, problem -> new CorruptJournalException(file, line, problem));
    }

    /** One event as stored (a JSON object with v, event, trial), checked; {@code corrupt} makes the error naming where it is. */
    static Event parse(String text, java.util.function.Function<String, CorruptJournalException> corrupt) throws CorruptJournalException {
        if (text.isBlank()) throw corrupt.apply("is empty (every line holds one event)");
        if (text.indexOf('\0') >= 0) throw corrupt.apply("holds NUL bytes (a damaged file?)");
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw corrupt.apply("not valid JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) throw corrupt.apply("not a JSON object");
        if (!n.path("v").isIntegralNumber() || n.path("v").asInt() != VERSION) throw corrupt.apply("journal format version " + n.path("v") + ", this hrsnn reads " + VERSION);
        if (!n.path("event").isTextual()) throw corrupt.apply("no 'event'");
        if (!n.path("trial").isIntegralNumber() || !n.path("trial").canConvertToInt())
            throw corrupt.apply("'trial' must be a whole number, got " + (n.has("trial") ? n.get("trial") : "nothing"));
        return new Event(n.get("event").asText(), n.get("trial").asInt(), (ObjectNode) n);
    }

    /** An event as stored: {@code {"v": 1, "event": kind, "trial": n, "time": now, ...body}}. */
    static ObjectNode stored(String kind, int trial, ObjectNode body) {
        ObjectNode o = JSON.createObjectNode();
        o.put("v", VERSION).put("event", kind).put("trial", trial).put("time", java.time.Instant.now().toString());
        o.setAll(body);
        return o;
    }

    static String text(ObjectNode event) throws JsonProcessingException {
        return JSON.writeValueAsString(event);
    }
}
