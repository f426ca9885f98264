package org.hrsnn.api;

import org.hrsnn.study.PercentilePruner;
import org.hrsnn.study.StudyException;
import org.hrsnn.study.Trial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The Java API: ask and tell, optimize, enqueue, frozen trials, the pruner, and search-spaces/branin.yaml as a real study. */
class StudyApiTest {
    @TempDir
    Path dir;

    static final Path BRANIN = Path.of("search-spaces/branin.yaml");
    static final double BRANIN_MIN = 0.397887;

    /** Branin's function written out (as in Surjanovic and Bingham's library), not the bench's copy. */
    static double branin(double x0, double x1) {
        double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
        return Math.pow(x1 - b * x0 * x0 + c * x0 - 6, 2) + 10 * (1 - t) * Math.cos(x0) + 10;
    }

    String storage(String kind) {
        return kind.equals("journal") ? "journal:" + dir.resolve("studies") : "sqlite:" + dir.resolve("api.db");
    }

    @ParameterizedTest
    @ValueSource(strings = {"journal", "sqlite"})
    void braninRunsAsARealStudyEndToEnd(String kind) throws Exception {
        try (Study s = Study.create(storage(kind), "branin", BRANIN, false, 1, 1)) {
            // one worker: the study is then a function of its seed (with two, which trials are pending when a point is
            // proposed depends on timing, and one such run ended 0.13 above the minimum)
            assertEquals(30, s.optimize(t -> branin(t.number("x0"), t.number("x1")), 30, 1));
            List<FrozenTrial> trials = s.trials();
            assertEquals(30, trials.size());
            for (FrozenTrial t : trials) {
                assertEquals(Trial.State.COMPLETE, t.state());
                double x0 = (Double) t.params().get("x0"), x1 = (Double) t.params().get("x1");
                assertTrue(x0 >= -5 && x0 <= 10 && x1 >= 0 && x1 <= 15, t.params().toString());
                assertEquals(branin(x0, x1), t.value(), 1e-12, "the value recorded is the function's at the parameters recorded");
            }
            double best = s.best().orElseThrow().value();
            assertEquals(trials.stream().mapToDouble(FrozenTrial::value).min().orElseThrow(), best);
            assertTrue(best - BRANIN_MIN < 0.05, "GP-BO gets near Branin's minimum in 30 evaluations: " + best);
        }
        // another worker opens it by name and sees the same trials
        try (Study again = Study.load(storage(kind), "branin")) {
            assertEquals(30, again.trials().size());
        }
    }

    @Test
    void askTellAndEnqueueByHand() throws Exception {
        try (Study s = Study.create(storage("sqlite"), "hand", BRANIN, true, 3, 3)) {
            FrozenTrial queued = s.enqueue(Map.of("x0", 1.0, "x1", 2.0));
            ActiveTrial first = s.ask().orElseThrow();
            assertEquals(queued.number(), first.number(), "the enqueued point comes first");
            assertEquals(Map.of("x0", 1.0, "x1", 2.0), first.params());
            FrozenTrial told = s.tell(first, 7.5);
            assertEquals(Trial.State.COMPLETE, told.state());
            assertEquals(7.5, told.value());
            assertThrows(UnsupportedOperationException.class, () -> told.params().put("x0", 0.0), "a frozen trial");
            ActiveTrial second = s.ask().orElseThrow();
            assertEquals(Trial.State.FAILED, s.tell(second, Double.NaN).state(), "a NaN value is a failure, not a result");
            ActiveTrial third = s.ask().orElseThrow();
            s.tell(third, 9.0);
            assertTrue(s.ask().isEmpty(), "budget of 3 met");
            assertEquals(9.0, s.best().orElseThrow().value(), "maximised: the highest value is best");
            assertEquals(third.seed(), s.trial(third.number()).seed());
        }
    }

    @Test
    void aTrialAskedAndNotToldIsGivenBackAtClose() throws Exception {
        String url = storage("sqlite");
        int number;
        try (Study s = Study.create(url, "left", BRANIN, false, 1, 2)) {
            number = s.ask().orElseThrow().number();
        }
        try (Study s = Study.load(url, "left")) {
            ActiveTrial again = s.ask().orElseThrow();
            assertEquals(number, again.number(), "re-run with its parameters and seed");
        }
    }

    @Test
    void theSameSeedGivesTheSameStudy() throws Exception {
        List<List<Object>> runs = new java.util.ArrayList<>();
        for (String kind : List.of("journal", "sqlite")) {
            try (Study s = Study.create(storage(kind), "seeded", BRANIN, false, 11, 1)) {
                s.optimize(t -> branin(t.number("x0"), t.number("x1")), 8, 1);
                runs.add(s.trials().stream().map(t -> (Object) List.of(t.params(), t.seed(), t.value())).toList());
            }
        }
        assertEquals(runs.get(0), runs.get(1));
    }

    @Test
    void thePercentilePrunerStopsTrialsAboveItsPercentile() throws Exception {
        try (Study s = Study.create(storage("sqlite"), "pruned", BRANIN, false, 2, 1)) {
            s.pruner(new PercentilePruner(0.5, 3));
            s.optimize(t -> {
                double v = branin(t.number("x0"), t.number("x1"));
                t.report(v); // the whole value as the intermediate one: pruned trials are those above the median so far
                return v;
            }, 20, 1);
            List<FrozenTrial> trials = s.trials();
            long pruned = trials.stream().filter(t -> t.state() == Trial.State.PRUNED).count();
            assertTrue(pruned > 0 && pruned < 20, "some pruned: " + pruned);
            for (int i = 0; i < trials.size(); i++) {
                FrozenTrial t = trials.get(i);
                double v = t.metrics().get(Study.INTERMEDIATE);
                double[] before = trials.subList(0, i).stream().mapToDouble(x -> x.metrics().get(Study.INTERMEDIATE)).sorted().toArray();
                boolean above = before.length >= 3 && v > median(before);
                assertEquals(above, t.state() == Trial.State.PRUNED, "trial " + i + ": " + v + " against " + java.util.Arrays.toString(before));
                if (above) assertTrue(t.reason().contains("50th percentile"), t.reason());
            }
        }
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    @Test
    void anHrsnnStudyIsNotOpenedAsOneOfTheApi() throws Exception {
        Path root = dir.resolve("studies");
        org.hrsnn.problem.HrsnnStudies.create(root, new org.hrsnn.problem.HrsnnStudies.Request("hrsnn", Path.of("src/test/resources/spaces/small.yaml"),
                "memory-capacity", org.hrsnn.study.Objective.E, 1, 2, 1, true, org.hrsnn.score.MemoryProtocol.DEFAULT, "test"));
        StudyException e = assertThrows(StudyException.class, () -> Study.load("journal:" + root, "hrsnn"));
        assertTrue(e.getMessage().contains("HRSNN study"), e.getMessage());
        e = assertThrows(StudyException.class, () -> Study.create("mysql://x/y", "n", BRANIN, false, 1, 1));
        assertTrue(e.getMessage().startsWith("storage must be journal:DIR, sqlite:FILE or postgresql://"), e.getMessage());
    }
}
