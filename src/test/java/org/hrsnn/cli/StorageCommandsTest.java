package org.hrsnn.cli;

import org.hrsnn.study.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.hrsnn.cli.InProcess.hrsnn;
import static org.junit.jupiter.api.Assertions.*;

/** --storage on the study commands: a journal study copied into SQLite and PostgreSQL, run there, and no password anywhere. */
class StorageCommandsTest {
    @TempDir
    Path dir;

    InProcess.Run ok(String... args) {
        InProcess.Run r = hrsnn(args);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
        assertFalse((r.out() + r.err()).contains(Backends.PASSWORD), "the password is printed: " + r.out() + r.err());
        return r;
    }

    @Test
    void aJournalStudyMovesToSqliteAndPostgresqlAndRunsThereWithoutShowingThePassword() throws Exception {
        String root = dir.resolve("studies").toString();
        ok("study", "create", "one", "--space", StudyCommandsTest.SPACE, "--task", "memory-capacity", "--trials", "2", "--root", root);
        ok("study", "run", "one", "--root", root, "--progress", "lines");
        String journalStatus = ok("study", "trials", "one", "--root", root, "--format", "csv").out();

        String pg = "postgresql://postgres:" + Backends.PASSWORD + "@localhost:" + Backends.postgresPort() + "/postgres";
        String sqlite = "sqlite:" + dir.resolve("s.db");
        String name = "moved-" + Long.toHexString(System.nanoTime());
        for (String url : List.of(sqlite, pg)) {
            String out = ok("study", "copy", "one", "--root", root, "--to", url, "--as", name).out();
            assertTrue(out.contains("copied study 'one' (2 trials)"), out);
            assertEquals(journalStatus, ok("study", "trials", name, "--storage", url, "--format", "csv").out(), "the same trials after the copy");
            InProcess.Run again = hrsnn("study", "copy", "one", "--root", root, "--to", url, "--as", name);
            assertEquals(2, again.code(), "a study of that name exists there");
            assertTrue(again.err().contains("already exists"), again.err());
            assertFalse(again.err().contains(Backends.PASSWORD));
            // one more trial, run in the database
            ok("study", "run", name, "--storage", url, "--trials", "3", "--progress", "lines");
            String status = ok("study", "status", name, "--storage", url, "--format", "json").out();
            assertTrue(status.contains("\"finished\" : 3"), status);
            assertTrue(ok("study", "list", "--storage", url).out().contains(name));
            Path export = dir.resolve("export-" + url.substring(0, 6));
            ok("study", "export", name, "--storage", url, "--out", export.toString());
            try (Stream<Path> files = Files.walk(export)) {
                for (Path f : files.filter(Files::isRegularFile).toList())
                    assertFalse(Files.readString(f).contains(Backends.PASSWORD), f + " holds the password");
            }
        }
        // nothing the database holds names the password either
        try (var c = DriverManager.getConnection("jdbc:postgresql://localhost:" + Backends.postgresPort() + "/postgres", "postgres", "x");
             var q = c.createStatement().executeQuery("SELECT config FROM hrsnn_studies UNION ALL SELECT body FROM hrsnn_events")) {
            List<String> all = new ArrayList<>();
            while (q.next()) all.add(q.getString(1));
            assertFalse(all.isEmpty());
            all.forEach(s -> assertFalse(s.contains(Backends.PASSWORD)));
        }
        // the journal folder was not touched by the copies
        assertEquals(journalStatus, ok("study", "trials", "one", "--root", root, "--format", "csv").out());
    }

    @Test
    void aBadStorageAddressIsRefusedInOneLineWithoutThePassword() {
        InProcess.Run r = hrsnn("study", "list", "--storage", "mysql://root:" + Backends.PASSWORD + "@db/x");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: --storage (or $HRSNN_STORAGE): must be journal:DIR, sqlite:FILE or postgresql://"), r.err());
        assertFalse(r.err().contains(Backends.PASSWORD), r.err());
        assertEquals(1, r.err().strip().lines().count());
        r = hrsnn("study", "status", "x", "--storage", "postgresql://u:" + Backends.PASSWORD + "@localhost:1/db");
        assertNotEquals(0, r.code());
        assertFalse(r.err().contains(Backends.PASSWORD), r.err());
    }
}
