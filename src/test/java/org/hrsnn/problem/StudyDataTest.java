package org.hrsnn.problem;

import org.hrsnn.cli.InProcess.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hrsnn.cli.Main;
import org.hrsnn.score.Tasks;
import org.hrsnn.score.TrialEvaluator;
import org.hrsnn.study.Objective;
import org.hrsnn.study.Study;
import org.hrsnn.study.StudyException;
import org.hrsnn.study.StudyRunner;
import org.hrsnn.study.Trial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.hrsnn.cli.InProcess.hrsnn;
import static org.junit.jupiter.api.Assertions.*;

/** Studies on data the user names: a UEA/UCR pair of files, a shipped problem, an FSDD archive; their identity is recorded and checked. */
class StudyDataTest {
    @TempDir
    Path root;

    static final ObjectMapper JSON = new ObjectMapper();

    /** The shipped {@code NAME.ts.gz}, unzipped into {@code dir/NAME.ts}. */
    static Path unzipShipped(String name, Path dir) throws Exception {
        Path f = dir.resolve(name + ".ts");
        Files.createDirectories(dir);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("src", "main", "resources", "datasets", name + ".ts.gz")))) {
            Files.copy(in, f);
        }
        return f;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    Study create(String name, String task, Tasks.Source data, Objective objective, int trials) throws Exception {
        return HrsnnStudies.create(root, new HrsnnStudies.Request(name, StudyLifecycleTest.SPACE, task, data, objective, 5, trials, 3, true,
                StudyLifecycleTest.SHORT, "test"));
    }

    static JsonNode recorded(Study s) throws Exception {
        return JSON.readTree(s.folder().resolve(Study.CONFIG).toFile()).path("evaluation");
    }

    @Test
    void aStudyOnAPairOfTsFilesRecordsThemAndScoresAccuracyOnThem() throws Exception {
        Path train = unzipShipped("GunPoint_TRAIN", root.resolve("data")), test = unzipShipped("GunPoint_TEST", root.resolve("data"));
        Study s = create("gunpoint", "uea", Tasks.Source.files(train, test), Objective.TASK, 1);
        JsonNode ev = recorded(s);
        assertEquals("uea", ev.path("task").asText());
        JsonNode data = ev.path("data");
        assertEquals("GunPoint", data.path("name").asText(), data.toString());
        assertEquals(train.toString(), data.path("train").asText());
        assertEquals(test.toString(), data.path("test").asText());
        assertEquals(sha256(Files.readAllBytes(train)), data.path("train.sha256").asText());
        assertEquals(sha256(Files.readAllBytes(test)), data.path("test.sha256").asText());

        HrsnnProblem problem = HrsnnProblem.of(s.config());
        assertEquals(List.of("--train", train.toString(), "--test", test.toString()), problem.dataArguments());
        new StudyRunner(s, problem).run(null, 1, null);
        Trial t = s.trials().get(0);
        assertEquals(Trial.State.COMPLETE, t.state(), String.valueOf(t.reason()));
        double accuracy = t.metric("accuracy");
        assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
        assertNotNull(t.metric("baseline"));
        assertEquals(-accuracy, problem.loss(t), 0.0, "the task objective minimises minus accuracy");
        // The same design on the shipped GunPoint (the same series, read from the jar) scores the same.
        double shipped = new TrialEvaluator(Tasks.get("uea"), Tasks.Source.dataset("GunPoint"), null, 1).task(problem.design(t.params()), t.seed()).value();
        assertEquals(shipped, accuracy, 0.0);
    }


    @Test
    void aRunRefusesDataThatChangedSinceTheStudyWasMade() throws Exception {
        Path train = unzipShipped("GunPoint_TRAIN", root.resolve("data")), test = unzipShipped("GunPoint_TEST", root.resolve("data"));
        Study s = create("changed", "uea", Tasks.Source.files(train, test), Objective.E_THEN_TASK, 2);
        String before = recorded(s).path("data").path("test.sha256").asText();
        HrsnnProblem.of(s.config()).loadData(); // unchanged: accepted
        byte[] original = Files.readAllBytes(test);
        Files.writeString(test, "# a comment: the same series, other bytes\n", StandardOpenOption.APPEND);
        String after = sha256(Files.readAllBytes(test));

        var e = assertThrows(StudyException.class, () -> HrsnnProblem.of(s.config()).loadData());
        assertTrue(e.getMessage().contains(test.toString()) && e.getMessage().contains("has changed") && e.getMessage().contains(before)
                && e.getMessage().contains(after), e.getMessage());
        Run r = hrsnn("study", "run", "changed", "--root", root.toString(), "--trials", "3");
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(test.toString()) && r.err().contains("has changed"), r.err());
        assertEquals(List.of(), s.journal().read(), "no trial was started");
        assertEquals(2, Study.open(root, "changed").config().trials(), "the budget was not changed either");

        Files.write(test, original);
        HrsnnProblem.of(s.config()).loadData(); // restored: accepted again
    }

    @Test
    void shippedProblemsAndSpokenDigitsAreRecordedByName() throws Exception {
        Study g = create("shipped", "uea", Tasks.Source.dataset("GunPoint"), Objective.E_THEN_TASK, 1);
        JsonNode data = recorded(g).path("data");
        assertEquals("GunPoint", data.path("name").asText());
        assertEquals("GunPoint", data.path("dataset").asText());
        assertEquals(sha256(Files.readAllBytes(Path.of("src", "main", "resources", "datasets", "GunPoint_TRAIN.ts.gz"))), data.path("train.sha256").asText());
        assertEquals(List.of("--dataset", "GunPoint"), HrsnnProblem.of(g.config()).dataArguments());

        Path archive = root.resolve("fsdd.tar.gz");
        Files.copy(Path.of("src", "test", "resources", "fsdd", "fsdd-sample.tar.gz"), archive);
        Study f = create("digits", "fsdd", Tasks.Source.archive(archive), Objective.E_THEN_TASK, 1);
        data = recorded(f).path("data");
        assertEquals("FSDD", data.path("name").asText());
        assertEquals(archive.toString(), data.path("data").asText());
        assertEquals(sha256(Files.readAllBytes(archive)), data.path("sha256").asText());
        HrsnnProblem.of(f.config()).loadData();
        Files.write(archive, new byte[] {1, 2, 3});
        var e = assertThrows(StudyException.class, () -> HrsnnProblem.of(f.config()).loadData());
        assertTrue(e.getMessage().contains(archive.toString()), e.getMessage());

        var missing = assertThrows(StudyException.class, () -> create("nofile", "uea", Tasks.Source.files(root.resolve("no.ts"), root.resolve("no.ts")), Objective.TASK, 1));
        assertTrue(missing.getMessage().contains("no.ts: no such file"), missing.getMessage());
        var noData = assertThrows(StudyException.class, () -> create("nodata", "uea", Tasks.Source.NONE, Objective.TASK, 1));
        assertTrue(noData.getMessage().contains("--dataset NAME, or --train FILE and --test FILE"), noData.getMessage());
        assertFalse(Files.exists(root.resolve("nofile")) || Files.exists(root.resolve("nodata")));
    }
}
