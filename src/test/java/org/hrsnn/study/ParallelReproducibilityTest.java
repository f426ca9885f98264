package org.hrsnn.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What a study run with several workers reproduces (docs/studies.md, "Reproducibility"): each trial's seed, and
 * the points of the initial design (trial 0, the defaults when enqueued, then the Sobol points), whatever order
 * the workers finish in. GP proposals after them depend on which trials had finished when each was made.
 */
class ParallelReproducibilityTest {
    @TempDir
    Path root;

    /** e = x; each trial sleeps a time that depends on the wall clock, so workers finish in a different order each run. */
    record Jittery() implements Problem {
        public Outcome evaluate(Map<String, Object> params, long seed, Checkpoint checkpoint) {
            try {
                Thread.sleep(System.nanoTime() % 40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Outcome(Trial.State.COMPLETE, Map.of("e", ((Number) params.get("x")).doubleValue()), null);
        }

        public String stageMetric() {
            return "e";
        }

        public double loss(Trial t) {
            return t.metric("e");
        }
    }

    List<Trial> run(String name, int workers) throws Exception {
        var space = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(
                "format: hrsnn-search-space\nversion: 2\nname: fake\nparameters:\n  - {name: x, type: float, low: 0, high: 1}\n  - {name: y, type: float, low: 0, high: 1}\n");
        StudyConfig c = new StudyConfig(name, "fake.yaml", space, "fake", Objective.E, 5, 12, -1, false, Instant.now().toString(), "test",
                new ObjectMapper().createObjectNode(), null);
        Study s = Study.create(root, c, (config, sp) -> {});
        new StudyRunner(s, new Jittery()).run(null, workers, null);
        return s.trials();
    }

    @Test
    void theInitialDesignAndTheSeedsDoNotDependOnTheWorkers() throws Exception {
        List<Trial> one = run("one", 1), three = run("three", 3), again = run("again", 3);
        int initial = 1 + 2; // 1 + dimension
        for (List<Trial> other : List.of(three, again)) {
            assertEquals(12, other.size());
            for (int n = 0; n < 12; n++) {
                assertEquals(one.get(n).seed(), other.get(n).seed(), "trial " + n + " seed");
                if (n < initial) assertEquals(one.get(n).params(), other.get(n).params(), "trial " + n + " of the initial design");
            }
        }
    }
}
