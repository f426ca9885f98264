package org.hrsnn.export;

import org.hrsnn.model.ReferenceNetworks;
import org.hrsnn.study.Objective;
import org.hrsnn.study.SearchSpaceFiles;
import org.hrsnn.study.Study;
import org.hrsnn.study.StudyConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Study folders and exported files get the permissions a plain mkdir or new file would get under the process umask. */
class FilePermissionsTest {
    @TempDir
    Path dir;

    static final Path SPACE = Path.of("search-spaces", "hrsnn-heterogeneous.yaml");

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "skipped: not a POSIX file system");
    }

    static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void theUmaskIsReadFromProcSelfStatus() {
        assertEquals(027, FilePermissions.parseUmask("Name:\tjava\nUmask:\t0027\nState:\tR (running)\n"));
        assertEquals(FilePermissions.DEFAULT_UMASK, FilePermissions.parseUmask("Name:\tjava\n"));
        assertEquals(FilePermissions.DEFAULT_UMASK, FilePermissions.parseUmask("Umask:\tbogus\n"));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(FilePermissions.forDirectory(027)));
        assertEquals("rw-r-----", PosixFilePermissions.toString(FilePermissions.forFile(027)));
        assertEquals("rwxrwxr-x", PosixFilePermissions.toString(FilePermissions.forDirectory(002)));
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(FilePermissions.forFile(002)));
    }

    @Test
    void aStudyFolderIsCreatedLikeMkdir() throws Exception {
        Path plain = Files.createDirectory(dir.resolve("plain"));
        Study s = Study.create(dir, new StudyConfig("perm", SPACE.toString(), SearchSpaceFiles.tree(SPACE), "memory-capacity", Objective.E, 1, 2, 1,
                true, Instant.now().toString(), "test", null, null), (c, space) -> {});
        assertEquals(perms(plain), perms(s.folder()), "study folder");
        Path plainFile = Files.createFile(dir.resolve("plain.txt"));
        assertEquals(perms(plainFile), perms(s.folder().resolve(Study.CONFIG)));
        assertEquals(perms(plainFile), perms(s.folder().resolve(Study.JOURNAL)));
    }

    @Test
    void anExportedFileIsCreatedLikeANewFile() throws Exception {
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        Path f = dir.resolve("d.json");
        DesignFiles.write(f, ReferenceNetworks.heterogeneousExample(), 1L);
        assertEquals(perms(plain), perms(f));
        DesignFiles.writeAtomically(f, "{}\n"); // replacing it too
        assertEquals(perms(plain), perms(f));
    }

    /** A child process with umask 027: the study folder is rwxr-x---, the exported file rw-r-----. */
    @Test
    void anotherUmaskIsHonoured() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "skipped: no /bin/sh");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Path design = dir.resolve("out").resolve("ref.json");
        for (String[] args : new String[][] {
                {"study", "create", "u", "--space", SPACE.toString(), "--task", "memory-capacity", "--trials", "2", "--root", dir.toString()},
                {"design", "reference", "heterogeneous", "--out", design.toString()}}) {
            var pb = new ProcessBuilder("/bin/sh", "-c", "umask 027 && exec \"$0\" -cp \"$@\"", java, cp, "org.hrsnn.cli.Main");
            for (String a : args) pb.command().add(a);
            Process p = pb.redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child finished");
            assertEquals(0, p.exitValue(), out);
        }
        assertEquals("rwxr-x---", perms(dir.resolve("u")));
        assertEquals("rw-r-----", perms(dir.resolve("u").resolve(Study.CONFIG)));
        assertEquals("rwxr-x---", perms(design.getParent()));
        assertEquals("rw-r-----", perms(design));
    }
}
