package org.hrsnn.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.hrsnn.cli.InProcess.hrsnn;
import static org.junit.jupiter.api.Assertions.*;

/** What a kill -9 at a rename leaves behind is not shown as a study and is cleaned by the next command. */
class LeftoversTest {
    @TempDir
    Path root;

    static final String SPACE = "src/test/resources/spaces/small.yaml";
    /** No process has this id (Linux pids stay below 2^22). */
    static final String DEAD = "999999999";

    @Test
    void aStudyWhoseCreationWasKilledIsNeitherListedNorOpenedAndIsCleanedUp() throws Exception {
        assertEquals(0, hrsnn("study", "create", "real", "--space", SPACE, "--task", "memory-capacity", "--trials", "1", "--root", root.toString()).code());
        Path stale = root.resolve(".ghost.tmp-" + DEAD + "-123"), live = root.resolve(".other.tmp-" + ProcessHandle.current().pid() + "-5");
        for (Path p : new Path[] {stale, live}) {
            Files.createDirectories(p);
            Files.copy(root.resolve("real/study.json"), p.resolve("study.json"));
            Files.createFile(p.resolve("journal.jsonl"));
        }
        InProcess.Run list = hrsnn("study", "list", "--root", root.toString());
        assertEquals(0, list.code(), list.err());
        assertEquals(1, list.out().strip().lines().count(), list.out());
        assertTrue(list.out().startsWith("real "), list.out());
        assertFalse(Files.exists(stale), "the temporary of a process that has ended is removed");
        assertTrue(Files.exists(live), "the temporary of a live process (this one) is left alone");
        InProcess.Run status = hrsnn("study", "status", ".other.tmp-" + ProcessHandle.current().pid() + "-5", "--root", root.toString());
        assertEquals(2, status.code());
        assertTrue(status.err().contains("must be 1-64 letters"), status.err());
    }

    @Test
    void anExportKilledAtTheRenameLeavesATemporaryTheNextExportRemoves() throws Exception {
        assertEquals(0, hrsnn("study", "create", "x", "--space", SPACE, "--task", "memory-capacity", "--trials", "1", "--root", root.toString()).code());
        assertEquals(0, hrsnn("study", "run", "x", "--root", root.toString()).code());
        Path export = root.resolve("x/export");
        Files.createDirectories(export);
        Path stale = export.resolve(".trial-0000.json.tmp-" + DEAD + "-77");
        Files.writeString(stale, "{\"half\": ");
        InProcess.Run r = hrsnn("study", "export", "x", "--root", root.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(stale));
        try (var s = Files.list(export)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no hidden file is left in " + export);
        }
    }

    @Test
    void aNewBudgetKilledAtTheRenameLeavesATemporaryTheNextCommandRemoves() throws Exception {
        assertEquals(0, hrsnn("study", "create", "b", "--space", SPACE, "--task", "memory-capacity", "--trials", "1", "--root", root.toString()).code());
        Path stale = root.resolve("b/.study.json.tmp-" + DEAD + "-9");
        Files.writeString(stale, "{\"format\": \"hrsnn-study\", \"trials\": 5");
        InProcess.Run r = hrsnn("study", "status", "b", "--root", root.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(stale));
    }

    @Test
    void aStudyOfAnUnknownVersionDoesNotHideTheOthers() throws Exception {
        for (String n : new String[] {"a", "b"})
            assertEquals(0, hrsnn("study", "create", n, "--space", SPACE, "--task", "memory-capacity", "--trials", "1", "--root", root.toString()).code());
        Path cfg = root.resolve("a/study.json");
        Files.writeString(cfg, Files.readString(cfg).replace("\"version\" : 2", "\"version\" : 7"));
        InProcess.Run list = hrsnn("study", "list", "--root", root.toString());
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("a                        cannot be opened: " + cfg + ": field 'version' must be a whole number from 1 to 2, got 7"), list.out());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("b ") && l.contains("0/1")), list.out());
    }
}
