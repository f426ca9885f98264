package org.hrsnn.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The bad-input suite: every line of {@code src/test/resources/bad-inputs/cases.tsv} is a command on a
 * malformed file (or option) of that folder, its exit code (2 bad input, 1 runtime failure) and a part of the
 * one line it must print. Each case runs on a fresh copy of the folder, which must be left exactly as it was:
 * nothing half-written, no budget rewritten, no temporary left behind.
 */
class BadInputSuiteTest {
    static final Path SUITE = Path.of("src/test/resources/bad-inputs");

    record Case(int line, int exit, String args, String expected) {}

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(SUITE.resolve("cases.tsv"));
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank() || l.startsWith("#")) continue;
            String[] f = l.split("\t");
            if (f.length != 3) throw new IllegalStateException("cases.tsv:" + (i + 1) + ": needs exit<TAB>args<TAB>expected");
            out.add(Arguments.of(new Case(i + 1, Integer.parseInt(f[0]), f[1], f[2])));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneClearLineAndNothingChanged(Case c, @org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("bad-inputs");
        copy(SUITE, dir);
        Map<String, String> before = snapshot(dir);
        String[] args = c.args().replace("{dir}", dir.toString()).split(" ");
        InProcess.Run r = InProcess.hrsnn(args);
        String err = r.err().strip();
        String expected = c.expected().replace("{dir}", dir.toString());
        assertEquals(c.exit(), r.code(), "cases.tsv:" + c.line() + " exit code; stderr: " + err);
        assertFalse(err.contains("\n"), "cases.tsv:" + c.line() + " must print one line, printed:\n" + err);
        assertTrue(err.startsWith("error: "), "cases.tsv:" + c.line() + ": " + err);
        assertTrue(err.contains(expected), "cases.tsv:" + c.line() + " expected '" + expected + "' in: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "cases.tsv:" + c.line() + " shows a Java exception: " + err);
        assertEquals(before, snapshot(dir), "cases.tsv:" + c.line() + " changed the folder");
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }

    /** Every file and folder under {@code dir} with its size and content hash. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList())
                m.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "dir" : Files.size(p) + ":" + java.util.Arrays.hashCode(Files.readAllBytes(p)));
        }
        return m;
    }
}
