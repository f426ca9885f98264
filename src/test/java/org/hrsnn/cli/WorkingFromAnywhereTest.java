package org.hrsnn.cli;

import org.hrsnn.cli.InProcess.Run;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hrsnn.cli.InProcess.hrsnn;
import static org.junit.jupiter.api.Assertions.*;

/**
 * hrsnn from any folder: shipped search spaces resolve against the installation ({@code hrsnn.home}), an
 * empty studies folder is named, and every printed hint works when pasted (it carries --root when the
 * root is not the default). Commands run in-process.
 */
class WorkingFromAnywhereTest {
    @TempDir
    Path tmp;

    private String savedHome;

    @BeforeEach
    void saveHome() {
        savedHome = System.getProperty("hrsnn.home");
    }

    @AfterEach
    void restoreHome() {
        if (savedHome == null) System.clearProperty("hrsnn.home");
        else System.setProperty("hrsnn.home", savedHome);
    }


    /** The words of a pasted command line, as a POSIX shell splits them (plain words and single quotes). */
    static List<String> words(String line) {
        List<String> w = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean in = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                cur.append(line, i + 1, end);
                i = end;
                in = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
                in = true;
            } else if (Character.isWhitespace(c)) {
                if (in) w.add(cur.toString());
                cur.setLength(0);
                in = false;
            } else {
                cur.append(c);
                in = true;
            }
        }
        if (in) w.add(cur.toString());
        return w;
    }

    /** Runs a hint as if pasted: "hrsnn ..." (ends at "|" or ";"). */
    static Run paste(String hint) {
        List<String> w = words(hint);
        assertEquals("hrsnn", w.get(0), hint);
        return hrsnn(w.subList(1, w.size()).toArray(String[]::new));
    }

    /** The command after {@code label} in {@code out}, up to ';', '|' or the end of the line. */
    static String hint(String out, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\s*(hrsnn [^;|\\n]*)").matcher(out);
        assertTrue(m.find(), "no hint '" + label + "' in:\n" + out);
        return m.group(1).strip();
    }

    /** An installation holding a search space the working directory does not have. */
    Path installation(String spaceName) throws Exception {
        Path home = tmp.resolve("installed hrsnn"), spaces = home.resolve("search-spaces");
        Files.createDirectories(spaces);
        Files.copy(Path.of("src", "test", "resources", "spaces", "small.yaml"), spaces.resolve(spaceName));
        Files.copy(Path.of("src", "test", "resources", "spaces", "small.json"), spaces.resolve("small.json"));
        assertFalse(Files.exists(Path.of("search-spaces", spaceName)), "the working directory must not have it");
        return home;
    }

    @Test
    void aShippedSpaceResolvesAgainstTheInstallationWhereverHrsnnRuns() throws Exception {
        Path repo = Path.of("").toAbsolutePath();
        System.setProperty("hrsnn.home", repo.toString());
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path space = Path.of("search-spaces/hrsnn-heterogeneous.yaml");
        assertFalse(Files.exists(elsewhere.resolve(space)));
        assertEquals(repo.resolve(space), Main.shipped(space, elsewhere));
        assertTrue(Files.isRegularFile(Main.shipped(space, elsewhere)));
        // A file of that name in the working directory is the user's, and wins.
        Files.createDirectories(elsewhere.resolve("search-spaces"));
        Files.writeString(elsewhere.resolve(space), "mine");
        assertEquals(elsewhere.resolve(space), Main.shipped(space, elsewhere));
        // Found nowhere, or absolute: as given, so that the error names what the user wrote.
        Path none = Path.of("search-spaces/none.yaml");
        assertEquals(none, Main.shipped(none, elsewhere));
        assertEquals(tmp.resolve("x.yaml"), Main.shipped(tmp.resolve("x.yaml"), elsewhere));
    }

    @Test
    void studyCreateAndDemoUseTheInstallationsSpaces() throws Exception {
        Path home = installation("only-installed.yaml");
        System.setProperty("hrsnn.home", home.toString());
        Path root = tmp.resolve("studies");
        Run r = hrsnn("study", "create", "there", "--root", root.toString(), "--space", "search-spaces/only-installed.yaml",
                "--task", "memory-capacity", "--trials", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals(home.resolve("search-spaces/only-installed.yaml").toString(),
                new ObjectMapper().readTree(root.resolve("there/study.json").toFile()).path("spaceSource").asText());

        r = hrsnn("study", "create", "nowhere", "--root", root.toString(), "--space", "search-spaces/nowhere.yaml", "--task", "memory-capacity");
        assertEquals(Main.BAD_INPUT, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("search-spaces/nowhere.yaml: no such file") && r.err().contains(home.toString()), r.err());

        r = hrsnn("demo", "--root", root.toString(), "--space", "search-spaces/only-installed.yaml", "--trials", "1", "--name", "d");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("4-D space"), r.out());
        // Its hints carry the root, and work when pasted.
        for (String label : List.of("more:", "| ")) {
            String h = hint(r.out(), label);
            assertTrue(h.contains(" --root "), h);
            Run again = paste(h);
            assertEquals(0, again.code(), h + ": " + again.err());
            assertTrue(again.out().contains("trial") || again.out().contains("study 'd'"), again.out());
        }
        String reevaluate = hint(r.out(), "re-evaluate one with:");
        assertTrue(reevaluate.matches("hrsnn evaluate --design \\S+trial-0000.json --task japanese-vowels"), reevaluate);
        assertTrue(Files.exists(Path.of(words(reevaluate).get(3))), reevaluate);
    }

    @Test
    void listSaysWhereItLookedAndHintsCarryTheRoot() throws Exception {
        Path root = tmp.resolve("my studies"); // a space: the hints quote it
        Run r = hrsnn("study", "list", "--root", root.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("no studies in " + root.toAbsolutePath()), r.out());
        assertTrue(r.out().contains("--root") && r.out().contains("$HRSNN_STUDIES"), r.out());

        r = hrsnn("study", "create", "hinted", "--root", root.toString(), "--space", "src/test/resources/spaces/small.yaml",
                "--task", "memory-capacity", "--trials", "1");
        assertEquals(0, r.code(), r.err());
        String run = hint(r.out(), "run it:");
        assertEquals("hrsnn study run hinted --root '" + root.toAbsolutePath() + "'", run);
        r = paste(run);
        assertEquals(0, r.code(), r.err());
        String status = hint(r.out(), "Results:"), export = hint(r.out(), "designs:");
        assertEquals("hrsnn study status hinted --root '" + root.toAbsolutePath() + "'", status);
        Run s = paste(status);
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().startsWith("study 'hinted'"), s.out());
        Run e = paste(export);
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("trials.csv (1 trials)"), e.out());

        r = hrsnn("study", "list", "--root", root.toString());
        assertTrue(r.out().startsWith("hinted "), r.out());
    }

    @Test
    void theDefaultRootNeedsNoRootOption() {
        assertEquals("", StudyCommand.rootArg(StudyCommand.defaultRoot()));
        assertEquals("", StudyCommand.rootArg(StudyCommand.defaultRoot().toAbsolutePath()));
        assertEquals(" --root " + tmp.toAbsolutePath(), StudyCommand.rootArg(tmp));
        assertEquals("'it'\\''s here'", StudyCommand.shell("it's here"));
        assertEquals(List.of("it's here"), words(StudyCommand.shell("it's here")));
    }
}
