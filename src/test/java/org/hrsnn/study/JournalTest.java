package org.hrsnn.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class JournalTest {
    @TempDir
    Path dir;

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eventsComeBackInOrder() throws Exception {
        Journal j = new Journal(dir.resolve("journal.jsonl"));
        j.locked(s -> {
            s.append("created", 0, JSON.createObjectNode().put("x", 1.5));
            s.append("running", 0, JSON.createObjectNode().put("pid", 7));
            return null;
        });
        j.locked(s -> {
            assertEquals(2, s.events().size());
            s.append("complete", 0, JSON.createObjectNode().put("e", 3.25));
            return null;
        });
        List<Journal.Event> ev = j.read();
        assertEquals(List.of("created", "running", "complete"), ev.stream().map(Journal.Event::kind).toList());
        assertEquals(3.25, ev.get(2).body().get("e").asDouble(), 0.0);
    }

    @Test
    void aTornLastLineIsIgnoredAndCutBeforeTheNextAppend() throws Exception {
        Path f = dir.resolve("journal.jsonl");
        Journal j = new Journal(f);
        j.locked(s -> {
            s.append("created", 0, JSON.createObjectNode());
            return null;
        });
        Files.writeString(f, "{\"v\":1,\"event\":\"complete\",\"tri", StandardOpenOption.APPEND); // crash mid-write
        assertEquals(1, j.read().size());
        j.locked(s -> {
            s.append("complete", 0, JSON.createObjectNode());
            return null;
        });
        assertEquals(2, j.read().size());
        assertEquals(2, Files.readAllLines(f).size(), "the torn fragment is gone");
    }

    @Test
    void aCorruptMiddleLineIsAnErrorNamingTheLine() throws Exception {
        Path f = dir.resolve("journal.jsonl");
        Files.writeString(f, "{\"v\":1,\"event\":\"created\",\"trial\":0}\n{\"v\":1,\"event\":\"crea\n{\"v\":1,\"event\":\"created\",\"trial\":1}\n");
        var e = assertThrows(Journal.CorruptJournalException.class, () -> new Journal(f).read());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        Files.writeString(f, "{\"v\":2,\"event\":\"created\",\"trial\":0}\n");
        assertTrue(assertThrows(Journal.CorruptJournalException.class, () -> new Journal(f).read()).getMessage().contains("version"));
    }

    @Test
    void concurrentWritersNeverInterleave() throws Exception {
        Journal j = new Journal(dir.resolve("journal.jsonl"));
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(new Thread(() -> {
                for (int k = 0; k < 50; k++) {
                    try {
                        j.locked(s -> {
                            int next = s.events().size(); // a number allocated under the lock
                            s.append("created", next, JSON.createObjectNode().put("writer", id));
                            return null;
                        });
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join();
        List<Journal.Event> ev = j.read();
        assertEquals(200, ev.size());
        for (int k = 0; k < 200; k++) assertEquals(k, ev.get(k).trial(), "numbers never collide");
    }

    @Test
    void twoProcessesShareOneJournal() throws Exception {
        Path f = dir.resolve("journal.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> ps = new ArrayList<>();
        for (String id : new String[] {"a", "b"})
            ps.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), JournalWriterProcess.class.getName(),
                    f.toString(), "100", id).inheritIO().start());
        for (Process p : ps) assertEquals(0, p.waitFor());
        List<Journal.Event> ev = new Journal(f).read();
        assertEquals(200, ev.size());
        for (int k = 0; k < 200; k++) assertEquals(k, ev.get(k).trial(), "numbers never collide across processes");
        assertEquals(100, ev.stream().filter(e -> e.body().get("writer").asText().equals("a")).count());
    }
}
