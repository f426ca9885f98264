package org.hrsnn.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The engine's percentile pruner and objectives, driven through a fake {@link Problem} whose first-stage
 * value is known: the engine is generic, so nothing of HRSNN is needed.
 */
class PercentilePrunerTest {
    @TempDir
    Path root;

    static final ObjectMapper JSON = new ObjectMapper();

    /** A one-parameter space. */
    static JsonNode space() throws Exception {
        return new YAMLMapper().readTree("format: hrsnn-search-space\nversion: 2\nname: fake\nparameters:\n  - {name: x, type: float, low: 0, high: 1}\n");
    }

    Study study(String name, Objective objective, int budget) throws Exception {
        StudyConfig c = new StudyConfig(name, "fake.yaml", space(), "fake", objective, 1, budget, 1, false, Instant.now().toString(), "test",
                JSON.createObjectNode(), null);
        return Study.create(root, c, (config, s) -> {});
    }

    /** Trials 0.. with first-stage values {@code e}, complete (or, for {@code runningLast}, the last one still running with an intermediate value). */
    static void fabricate(Study s, double[] e, boolean runningLast) throws Exception {
        s.journal().locked(session -> {
            for (int n = 0; n < e.length; n++) {
                var created = JSON.createObjectNode();
                created.putObject("params").put("x", 0.5);
                created.putArray("unit").add(0.1 + 0.8 * n / e.length);
                created.put("seed", n);
                session.append("created", n, created);
                session.append("running", n, JSON.createObjectNode().put("owner", StudyRunner.SELF));
                var body = JSON.createObjectNode().put("seconds", 0.1);
                body.putObject("metrics").put("e", e[n]);
                session.append(runningLast && n == e.length - 1 ? "intermediate" : "complete", n, body);
            }
            return null;
        });
    }

    /** Reports {@code stage} as its first-stage "e"; if not pruned, finishes with nrmse = {@code task}. */
    record Fake(double stage, double task) implements Problem {
        @Override
        public Outcome evaluate(Map<String, Object> params, long seed, Checkpoint checkpoint) throws java.io.IOException {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("e", stage);
            String why = checkpoint.report(m, stage);
            if (why != null) return new Outcome(Trial.State.PRUNED, m, why);
            m.put("nrmse", task);
            return new Outcome(Trial.State.COMPLETE, m, null);
        }

        @Override
        public String stageMetric() {
            return "e";
        }

        @Override
        public double loss(Trial t) {
            Double e = t.metric("e");
            return e == null ? Double.NaN : e;
        }
    }

    /** Runs one more trial with first-stage value {@code v} after trials with values {@code others}; returns it. */
    Trial oneMore(String name, Objective objective, double[] others, double v) throws Exception {
        Study s = study(name, objective, others.length + 1);
        fabricate(s, others, false);
        assertEquals(1, new StudyRunner(s, new Fake(v, 0.25)).run(null, 1, null));
        List<Trial> all = s.trials();
        assertEquals(others.length + 1, all.size());
        Trial t = all.get(others.length);
        if (Double.isFinite(v)) assertEquals(v, t.metric("e"), "the first-stage value is recorded either way");
        else assertNull(t.metric("e"), "a NaN is not written as a number");
        return t;
    }

    static final double[] ONE_TO_FIVE = {3, 1, 5, 2, 4};

    /** 90th percentile of 1..5 by linear interpolation: h = 0.9 * 4 = 3.6, so 4 + 0.6 (5 - 4) = 4.6. */
    @ParameterizedTest
    @CsvSource({"4.7, true", "100, true", "4.59, false", "4.6, false", "1, false", "-3, false"})
    void aboveTheNinetiethPercentileOfFiveOthersIsPruned(double v, boolean pruned) throws Exception {
        Trial t = oneMore("p" + Math.abs(Double.hashCode(v)), Objective.E_THEN_TASK, ONE_TO_FIVE, v);
        if (pruned) {
            assertEquals(Trial.State.PRUNED, t.state());
            assertEquals(String.format("first-stage value %.4g is above the 90th percentile 4.600 of 5 other trials", v), t.reason());
            assertNull(t.metric("nrmse"), "a pruned trial does not reach its second stage");
        } else {
            assertEquals(Trial.State.COMPLETE, t.state(), t.reason());
            assertEquals(0.25, t.metric("nrmse"));
        }
    }

    @Test
    void fewerThanFiveOthersPruneNothing() throws Exception {
        // With its own value counted, 1, 2, 3, 4 and 100 would be five and 100 above their 90th percentile.
        Trial t = oneMore("four", Objective.E_THEN_TASK, new double[] {1, 2, 3, 4}, 100);
        assertEquals(Trial.State.COMPLETE, t.state(), t.reason());
    }

    @Test
    void aRunningTrialsIntermediateValueCounts() throws Exception {
        Study s = study("running", Objective.E_THEN_TASK, 6);
        fabricate(s, new double[] {3, 1, 5, 2, 4}, true); // trial 4 (E = 4) is still running, in this process
        assertEquals(1, new StudyRunner(s, new Fake(4.7, 0.25)).run(null, 1, null));
        Trial t = s.trials().get(5);
        assertEquals(Trial.State.PRUNED, t.state(), "pruned against five values, one of them a running trial's");
    }

    @Test
    void onlyTheEThenTaskObjectivePrunes() throws Exception {
        for (Objective o : List.of(Objective.TASK, Objective.E)) {
            Trial t = oneMore("o-" + o.label(), o, ONE_TO_FIVE, 1e6);
            assertEquals(Trial.State.COMPLETE, t.state(), o + ": " + t.reason());
        }
        Trial nan = oneMore("nan", Objective.E_THEN_TASK, ONE_TO_FIVE, Double.NaN);
        assertEquals(Trial.State.COMPLETE, nan.state(), "no first-stage value: nothing to prune on");
    }

    @Test
    void percentileInterpolatesBetweenOrderStatistics() {
        assertEquals(4.6, StudyRunner.percentile(new double[] {1, 2, 3, 4, 5}, 0.9), 1e-12);
        assertEquals(9.1, StudyRunner.percentile(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9), 1e-12);
        assertEquals(7.0, StudyRunner.percentile(new double[] {7}, 0.9), 0.0);
        assertEquals(5.0, StudyRunner.percentile(new double[] {1, 5}, 1.0), 0.0);
        assertEquals(1.0, StudyRunner.percentile(new double[] {1, 5}, 0.0), 0.0);
    }

    @Test
    void theSamplerSeesTheProblemsLossAndFailures() throws Exception {
        Study s = study("loss", Objective.E, 1);
        StudyRunner r = new StudyRunner(s, new Fake(1, 1));
        Trial done = new Trial(0, Trial.State.COMPLETE, Map.of("x", 0.5), new double[] {0.5}, 1, Map.of("e", 3.0), null, null, 1, null);
        Trial failed = new Trial(1, Trial.State.FAILED, Map.of("x", 0.5), new double[] {0.25}, 1, Map.of(), "boom", null, 1, null);
        assertEquals(3.0, r.observation(done).value());
        assertFalse(r.observation(done).failed());
        assertTrue(r.observation(failed).failed());
    }
}
