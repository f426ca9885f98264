package org.hrsnn.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A trial that runs out of memory or kills its worker does not poison the study; a dying worker is not silent. */
class PoisonTrialTest {
    @TempDir
    Path root;

    static final ObjectMapper JSON = new ObjectMapper();

    Study study(String name, int budget) throws Exception {
        StudyConfig c = new StudyConfig(name, "fake.yaml", PercentilePrunerTest.space(), "fake", Objective.E, 1, budget, 1, false,
                Instant.now().toString(), "test", JSON.createObjectNode(), null);
        return Study.create(root, c, (config, s) -> {});
    }

    /** Throws {@code error} on the trials whose x is above 0.5, else completes with e = x. */
    record Throwing(Error error) implements Problem {
        public Outcome evaluate(Map<String, Object> params, long seed, Checkpoint checkpoint) {
            double x = ((Number) params.get("x")).doubleValue();
            if (x > 0.5) throw error;
            return new Outcome(Trial.State.COMPLETE, Map.of("e", x), null);
        }

        public String stageMetric() {
            return "e";
        }

        public double loss(Trial t) {
            return t.metric("e") == null ? Double.NaN : t.metric("e");
        }
    }

    @Test
    void outOfMemoryInATrialIsRecordedAsItsFailureAndTheStudyGoesOn() throws Exception {
        Study s = study("oom", 6);
        int done = new StudyRunner(s, new Throwing(new OutOfMemoryError("Java heap space"))).run(null, 1, null);
        assertEquals(6, done);
        List<Trial> trials = s.trials();
        assertEquals(6, trials.stream().filter(Trial::finished).count());
        long oom = trials.stream().filter(t -> t.state() == Trial.State.FAILED).count();
        long high = trials.stream().filter(t -> ((Number) t.params().get("x")).doubleValue() > 0.5).count();
        assertEquals(high, oom, "every trial above 0.5 failed, no other");
        assertTrue(high > 0, "the quasi-random points cover x > 0.5");
        trials.stream().filter(t -> t.state() == Trial.State.FAILED)
                .forEach(t -> assertTrue(t.reason().startsWith("out of memory (Java heap of "), t.reason()));
    }

    @Test
    void aWorkerThatDiesStopsTheRunWithAnError() throws Exception {
        Study s = study("dies", 6);
        IOException e = assertThrows(IOException.class, () -> new StudyRunner(s, new Throwing(new AssertionError("boom"))).run(null, 2, null));
        assertTrue(e.getMessage().startsWith("a worker died: java.lang.AssertionError: boom"), e.getMessage());
    }

    /** Trial 0 created and claimed {@code deaths} times by processes that have ended (pid 1 is init: never "pid@start" we write). */
    static void deadClaims(Study s, int deaths, boolean releasedBetween) throws IOException {
        s.journal().locked(session -> {
            var created = JSON.createObjectNode();
            created.putObject("params").put("x", 0.25);
            created.putArray("unit").add(0.25);
            created.put("seed", 7);
            session.append("created", 0, created);
            for (int d = 0; d < deaths; d++) {
                session.append("running", 0, JSON.createObjectNode().put("owner", "999999999@2000-01-01T00:00:00Z"));
                if (releasedBetween) session.append("released", 0, JSON.createObjectNode());
            }
            return null;
        });
    }

    @Test
    void aTrialWhoseWorkerDiedTwiceIsFailedNotRerunForever() throws Exception {
        Study s = study("poison", 3);
        deadClaims(s, StudyRunner.MAX_WORKER_DEATHS, false);
        new StudyRunner(s, new Throwing(new OutOfMemoryError())).run(null, 1, null);
        Trial t0 = s.trials().get(0);
        assertEquals(Trial.State.FAILED, t0.state());
        assertEquals("its worker process died 2 times while running it (killed, or out of memory); not re-run", t0.reason());
        assertEquals(3, s.trials().stream().filter(Trial::finished).count());
    }

    @Test
    void aTrialWhoseWorkerDiedOnceIsRerunWithItsParametersAndSeed() throws Exception {
        Study s = study("once", 1);
        deadClaims(s, 1, false);
        new StudyRunner(s, new Throwing(new OutOfMemoryError())).run(null, 1, null);
        Trial t0 = s.trials().get(0);
        assertEquals(Trial.State.COMPLETE, t0.state());
        assertEquals(0.25, t0.metric("e"));
        assertEquals(7, t0.seed());
    }

    @Test
    void releasedTrialsDoNotCountAsDeaths() throws Exception {
        Study s = study("released", 1);
        deadClaims(s, 3, true); // stopped by Ctrl-C three times: released each time
        assertEquals(Trial.State.CREATED, s.trials().get(0).state());
        assertEquals(0, StudyRunner.deaths(s.journal().read(), 0));
        new StudyRunner(s, new Throwing(new OutOfMemoryError())).run(null, 1, null);
        assertEquals(Trial.State.COMPLETE, s.trials().get(0).state());
    }

    @Test
    void aStoppedProcessReleasesItsTrials() throws Exception {
        // A child JVM runs a study whose trial sleeps, then exits as on Ctrl-C (shutdown hooks run): it releases the trial.
        Study s = study("stopped", 1);
        Path ready = root.resolve("ready");
        String cp = System.getProperty("java.class.path");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                SleepingStudyProcess.class.getName(), root.toString(), "stopped", ready.toString(), "exit").redirectErrorStream(true).start();
        long until = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(ready) && System.nanoTime() < until && p.isAlive()) Thread.sleep(50);
        assertTrue(Files.exists(ready), "the child started its trial: " + new String(p.getInputStream().readAllBytes()));
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(130, p.exitValue());
        List<String> kinds = s.journal().read().stream().map(Journal.Event::kind).toList();
        assertEquals(List.of("created", "running", "released"), kinds);
        assertEquals(0, StudyRunner.deaths(s.journal().read(), 0));
    }
}
