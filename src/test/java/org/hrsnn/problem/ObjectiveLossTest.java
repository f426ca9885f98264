package org.hrsnn.problem;

import org.hrsnn.study.Objective;
import org.hrsnn.study.Study;
import org.hrsnn.study.StudyException;
import org.hrsnn.study.Trial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** What the sampler minimises for each objective: log E; minus accuracy; NRMSE; NaN for what has none. */
class ObjectiveLossTest {
    @TempDir
    Path root;

    HrsnnProblem problem(String task, Objective objective) throws Exception {
        Study s = HrsnnStudies.create(root, new HrsnnStudies.Request(task + "-" + objective.label(), StudyLifecycleTest.SPACE, task, objective, 1, 3, 1, true,
                StudyLifecycleTest.SHORT, "test"));
        return HrsnnProblem.of(s.config());
    }

    /** A finished trial with these metrics (name, value, name, value, ...). */
    static Trial trial(Trial.State state, Object... metrics) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < metrics.length; i += 2) m.put((String) metrics[i], ((Number) metrics[i + 1]).doubleValue());
        return new Trial(0, state, Map.of(), new double[0], 1, m, null, null, 1, null);
    }

    static final Trial FULL = trial(Trial.State.COMPLETE, "e", 2.5, "mc", 1.0, "accuracy", 0.8, "nrmse", 0.3);

    @Test
    void theEObjectivesMinimiseLogE() throws Exception {
        for (HrsnnProblem p : new HrsnnProblem[] {problem("memory-capacity", Objective.E), problem("japanese-vowels", Objective.E_THEN_TASK),
                problem("narma10", Objective.E_THEN_TASK)}) {
            assertEquals(Math.log(2.5), p.loss(FULL), 1e-15);
            assertEquals(Math.log(2.5), p.loss(trial(Trial.State.PRUNED, "e", 2.5)), 1e-15, "a pruned trial with an E is still seen");
            assertEquals(0.0, p.loss(trial(Trial.State.COMPLETE, "e", 1.0)), 0.0);
            assertTrue(Double.isNaN(p.loss(trial(Trial.State.FAILED, "mc", 0.01))), "no E: a failure");
            assertTrue(Double.isNaN(p.loss(trial(Trial.State.COMPLETE, "e", 0.0))));
            assertTrue(Double.isNaN(p.loss(trial(Trial.State.COMPLETE, "e", Double.POSITIVE_INFINITY))));
            assertTrue(Double.isNaN(p.loss(trial(Trial.State.COMPLETE, "accuracy", 0.9))), "the task metric does not count");
        }
    }

    @Test
    void theTaskObjectiveMinimisesTheTasksOwnMetric() throws Exception {
        HrsnnProblem classification = problem("japanese-vowels", Objective.TASK);
        assertEquals(-0.8, classification.loss(FULL), 0.0);
        assertEquals(-1.0, classification.loss(trial(Trial.State.COMPLETE, "accuracy", 1.0)), 0.0);
        assertTrue(Double.isNaN(classification.loss(trial(Trial.State.COMPLETE, "e", 2.0, "nrmse", 0.1))), "NRMSE is not a classification metric");
        assertTrue(Double.isNaN(classification.loss(trial(Trial.State.FAILED, "e", 2.0))));

        HrsnnProblem prediction = problem("narma10", Objective.TASK);
        assertEquals(0.3, prediction.loss(FULL), 0.0);
        assertTrue(Double.isNaN(prediction.loss(trial(Trial.State.COMPLETE, "e", 2.0, "accuracy", 0.9))), "accuracy is not a prediction metric");
        assertTrue(Double.isNaN(prediction.loss(trial(Trial.State.FAILED, "nrmse", Double.NaN))));
    }

    /** The gain objective minimises minus the stacked readout's gain over its null, oriented by the task's metric. */
    @Test
    void theGainObjectiveMinimisesMinusWhatTheNetworkAdds() throws Exception {
        HrsnnProblem classification = problem("japanese-vowels", Objective.GAIN);
        assertEquals(-(0.82 - 0.80), classification.loss(trial(Trial.State.COMPLETE, "accuracy", 0.7, "stacked", 0.82, "stackedNull", 0.80)), 1e-15);
        HrsnnProblem prediction = problem("narma10", Objective.GAIN);
        assertEquals(-(0.36 - 0.34), prediction.loss(trial(Trial.State.COMPLETE, "nrmse", 0.5, "stacked", 0.34, "stackedNull", 0.36)), 1e-15);
        assertEquals(0.01, prediction.loss(trial(Trial.State.COMPLETE, "nrmse", 0.5, "stacked", 0.37, "stackedNull", 0.36)), 1e-15, "a network that hurts");
        assertTrue(Double.isNaN(prediction.loss(FULL)), "no stacked readout: no gain");
        assertTrue(Double.isNaN(prediction.loss(trial(Trial.State.FAILED, "stacked", 0.34, "stackedNull", 0.36))), "a failed trial is not seen");
        assertTrue(Double.isNaN(prediction.loss(trial(Trial.State.COMPLETE, "stacked", Double.NaN, "stackedNull", 0.36))));
    }

    @Test
    void theMemoryTaskHasOnlyTheEObjective() {
        assertThrows(StudyException.class, () -> problem("memory-capacity", Objective.GAIN));
        var e = assertThrows(StudyException.class, () -> problem("memory-capacity", Objective.TASK));
        assertTrue(e.getMessage().contains("use objective e"), e.getMessage());
        assertThrows(StudyException.class, () -> problem("memory-capacity", Objective.E_THEN_TASK));
    }
}
