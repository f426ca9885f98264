package org.hrsnn.problem;

import org.hrsnn.score.TrialEvaluator;
import org.hrsnn.study.Objective;
import org.hrsnn.study.Problem;
import org.hrsnn.study.Study;
import org.hrsnn.study.Trial;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A trial with two threads runs its task stage beside its memory stage ({@link HrsnnProblem#withTrialThreads}):
 * the outcome must be the one of a single thread, metric for metric, whether the trial completes or is pruned
 * between the stages; a stage started ahead is cancelled by closing it, and its failures reach the caller
 * unchanged.
 */
class TrialThreadsTest {
    @TempDir
    Path root;

    static final ExecutorService POOL = Executors.newCachedThreadPool();

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    @ParameterizedTest
    @CsvSource({"narma10, TASK", "japanese-vowels, E_THEN_TASK"})
    void twoThreadsGiveTheOutcomeOfOne(String task, Objective objective) throws Exception {
        Study s = HrsnnStudies.create(root, new HrsnnStudies.Request("t-" + task, StudyLifecycleTest.SPACE, task, objective, 5, 3, 3, true,
                StudyLifecycleTest.SHORT, "test"));
        HrsnnProblem one = HrsnnProblem.of(s.config()).withTrialThreads(1), two = one.withTrialThreads(2);
        assertSame(one, one.withTrialThreads(1));
        Map<String, Object> params = new HashMap<>(s.space().defaultValues());
        for (long seed : new long[] {11, 12}) {
            Problem.Outcome a = one.evaluate(new HashMap<>(params), seed, (m, v) -> null);
            Problem.Outcome b = two.evaluate(new HashMap<>(params), seed, (m, v) -> null);
            assertSameOutcome(a, b);
            assertTrue(a.metrics().containsKey(one.task().metric()) || a.state() != Trial.State.COMPLETE, a.state() + " " + a.reason());
            // pruned between the stages: the stage started ahead is dropped, nothing of it is recorded
            Problem.Outcome pa = one.evaluate(new HashMap<>(params), seed, (m, v) -> "pruned by the test");
            Problem.Outcome pb = two.evaluate(new HashMap<>(params), seed, (m, v) -> "pruned by the test");
            assertSameOutcome(pa, pb);
            if (a.state() == Trial.State.COMPLETE) {
                assertEquals(Trial.State.PRUNED, pb.state());
                assertFalse(pb.metrics().containsKey(one.task().metric()));
            }
        }
    }

    static void assertSameOutcome(Problem.Outcome a, Problem.Outcome b) {
        assertEquals(a.state(), b.state());
        assertEquals(a.reason(), b.reason());
        assertEquals(a.metrics().keySet(), b.metrics().keySet());
        for (String k : a.metrics().keySet()) {
            Object x = a.metrics().get(k), y = b.metrics().get(k);
            if (x instanceof double[] u) assertArrayEquals(u, (double[]) y, k);
            else assertEquals(x, y, k);
        }
    }

    @Test
    void closingAStageStartedAheadInterruptsIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1), stopped = new CountDownLatch(1);
        TrialEvaluator.Ahead<String> ahead = TrialEvaluator.Ahead.start(POOL, () -> {
            started.countDown();
            while (!Thread.currentThread().isInterrupted()) Thread.onSpinWait();
            stopped.countDown();
            return "never read";
        });
        assertTrue(started.await(30, TimeUnit.SECONDS));
        ahead.close();
        assertTrue(stopped.await(30, TimeUnit.SECONDS), "the work saw the interruption");
        assertThrows(CancellationException.class, ahead::get);
    }

    @Test
    void aStageStartedAheadFailsAsItWouldHaveOnTheCaller() {
        IOException io = new IOException("data gone");
        assertSame(io, assertThrows(IOException.class, () -> TrialEvaluator.Ahead.start(POOL, () -> { throw io; }).get()));
        IllegalArgumentException bad = new IllegalArgumentException("bad design");
        assertSame(bad, assertThrows(IllegalArgumentException.class, () -> TrialEvaluator.Ahead.start(POOL, () -> { throw bad; }).get()));
        OutOfMemoryError oom = new OutOfMemoryError("test");
        assertSame(oom, assertThrows(OutOfMemoryError.class, () -> TrialEvaluator.Ahead.start(POOL, () -> { throw oom; }).get()));
    }

    @Test
    void threadsPerTrialMustBePositive() throws Exception {
        Study s = HrsnnStudies.create(root, new HrsnnStudies.Request("bad", StudyLifecycleTest.SPACE, "narma10", Objective.TASK, 5, 1, 3, true,
                StudyLifecycleTest.SHORT, "test"));
        assertThrows(IllegalArgumentException.class, () -> HrsnnProblem.of(s.config()).withTrialThreads(0));
        assertTrue(HrsnnProblem.defaultTrialThreads(1) >= 1);
        assertEquals(1, HrsnnProblem.defaultTrialThreads(100_000));
    }
}
