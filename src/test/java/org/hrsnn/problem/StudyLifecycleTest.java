package org.hrsnn.problem;

import org.hrsnn.export.DesignFiles;
import org.hrsnn.score.MemoryProtocol;
import org.hrsnn.score.TrialEvaluator;
import org.hrsnn.study.Journal;
import org.hrsnn.study.Objective;
import org.hrsnn.study.Ranking;
import org.hrsnn.study.SearchSpaceFiles;
import org.hrsnn.study.Study;
import org.hrsnn.study.StudyConfig;
import org.hrsnn.study.StudyException;
import org.hrsnn.study.StudyRunner;
import org.hrsnn.study.Trial;
import org.hrsnn.study.TrialStates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class StudyLifecycleTest {
    @TempDir
    Path root;

    /** A small space (100 neurons) over its own template, so a trial takes well under a second. */
    static final Path SPACE = Path.of("src", "test", "resources", "spaces", "small.yaml");
    /** A short protocol: same code path, fewer inputs. */
    static final MemoryProtocol SHORT = new MemoryProtocol(200, 50, 600, 0.6, 20, 10, MemoryProtocol.DEFAULT.states(), 0.1);

    Study create(String name, int trials) throws Exception {
        return create(name, trials, SPACE, "memory-capacity");
    }

    Study create(String name, int trials, Path space, String task) throws Exception {
        return HrsnnStudies.create(root, new HrsnnStudies.Request(name, space, task, Objective.E, 5, trials, 3, true, SHORT, "test"));
    }

    static HrsnnProblem problem(Study s) throws StudyException {
        return HrsnnProblem.of(s.config());
    }

    Process child(String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.hrsnn.cli.Main", "study", "run", name,
                "--root", root.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    static void assertNumbersUnique(List<Trial> trials, int expected) {
        Set<Integer> n = new HashSet<>();
        for (Trial t : trials) assertTrue(n.add(t.number()), "duplicate trial " + t.number());
        assertEquals(expected, trials.stream().filter(Trial::finished).count());
        for (int k = 0; k < trials.size(); k++) assertEquals(k, trials.get(k).number());
    }

    @Test
    void aKilledRunResumesWithNothingLostOrDuplicated() throws Exception {
        Study s = create("killed", 6);
        Process p = child("killed");
        // Wait until the child has finished at least one trial and is in the middle of another.
        long deadline = System.nanoTime() + 120_000_000_000L;
        Trial interrupted = null;
        while (System.nanoTime() < deadline && interrupted == null) {
            Thread.sleep(50);
            List<Trial> t = s.trials();
            if (t.stream().anyMatch(Trial::finished))
                interrupted = t.stream().filter(x -> x.state() == Trial.State.RUNNING).findFirst().orElse(null);
        }
        assertNotNull(interrupted, "the child started a second trial");
        final Trial cut = interrupted;
        p.destroyForcibly(); // SIGKILL: no shutdown hooks, no chance to write anything
        p.waitFor();
        assertEquals(Trial.State.RUNNING, s.trials().get(cut.number()).state(), "left RUNNING by the dead process");

        new StudyRunner(s, problem(s)).run(null, 1, null);
        List<Trial> after = s.trials();
        assertNumbersUnique(after, 6);
        Trial rerun = after.get(cut.number());
        assertTrue(rerun.finished(), "the interrupted trial was finished by the resumed run");
        assertEquals(cut.params(), rerun.params(), "re-run with its original parameters");
        assertEquals(cut.seed(), rerun.seed());
        long runningEvents = s.journal().read().stream().filter(e -> e.kind().equals("running") && e.trial() == cut.number()).count();
        assertEquals(2, runningEvents, "started by the dead process, then once more");
    }

    @Test
    void twoProcessesShareAStudy() throws Exception {
        Study s = create("shared", 8);
        Process a = child("shared"), b = child("shared");
        assertEquals(0, a.waitFor());
        assertEquals(0, b.waitFor());
        List<Trial> after = s.trials();
        assertNumbersUnique(after, 8);
        Set<String> owners = new HashSet<>();
        for (var e : s.journal().read()) if (e.kind().equals("running")) owners.add(e.body().get("owner").asText());
        assertEquals(2, owners.size(), "both processes ran trials");
    }

    @Test
    void anExportedDesignReEvaluatesToItsMetrics() throws Exception {
        Study s = create("export", 4);
        new StudyRunner(s, problem(s)).run(null, 1, null);
        List<Trial> trials = s.trials();
        List<Path> files = StudyExport.export(s, root.resolve("out"), 1, "test");
        assertEquals(StudyExport.chosen(trials, 1).stream().map(t -> String.format("trial-%04d.json", t.number())).toList(),
                files.stream().map(p -> p.getFileName().toString()).toList(), "one file per chosen trial");
        assertFalse(files.isEmpty(), "a trial with an E was exported: " + trials);
        // The design StudyExport wrote, read back: its trial is the one named in the file.
        Path f = files.get(0);
        Trial best = trials.get(Integer.parseInt(f.getFileName().toString().replaceAll("\\D", "")));
        assertEquals(Ranking.byE(trials).get(0).number(), best.number(), "the best by E comes first");
        DesignFiles.Design d = DesignFiles.read(f);
        var recorded = Protocols.fromJson(DesignFiles.mapper().readTree(f.toFile()).path("provenance").path("evaluation").path("memory"), f.toString());
        assertEquals(SHORT, recorded, "the export records the protocol");
        var again = new TrialEvaluator("memory-capacity").memory(d.network(), d.seed(), recorded);
        assertEquals(best.metric("e"), again.e(), 0.0);
        assertEquals(best.metric("mc"), again.memory().total(), 0.0);
        assertArrayEquals(best.mcCurve(), again.memory().curve(), 0.0);
        assertArrayEquals(best.mcCurve(), DesignFiles.mapper().convertValue(DesignFiles.mapper().readTree(f.toFile()).path("metrics").path("mcCurve"),
                double[].class), 0.0, "the exported file carries the MC curve");
        assertEquals(best.metric("s"), again.activity().meanRate(), 0.0);
    }

    @Test
    void badInputLeavesNoStudyFolder() throws Exception {
        Path bad = root.resolve("bad.yaml");
        Files.writeString(bad, "format: hrsnn-search-space\nversion: 2\nparameters:\n  - {name: tau, type: float, low: 0, high: 10, log: true}\n");
        assertThrows(SearchSpaceFiles.SpaceFileException.class, () -> SearchSpaceFiles.fromTree("bad.yaml", SearchSpaceFiles.tree(bad), "bad"));
        Files.copy(SPACE.resolveSibling("small.json"), root.resolve("small.json"));
        Files.writeString(bad, "format: hrsnn-search-space\nversion: 2\ntemplate: small.json\nparameters:\n"
                + "  - {name: tau, type: float, low: 1, high: 10, path: network.excitatory.neuron.tauMembrane.meen}\n");
        var unknown = assertThrows(StudyException.class, () -> create("s1", 3, bad, "memory-capacity"));
        assertTrue(unknown.getMessage().contains("bad.yaml") && unknown.getMessage().contains("parameter 'tau'")
                && unknown.getMessage().contains("tauMembrane.meen"), unknown.getMessage());
        var task = assertThrows(StudyException.class, () -> create("s2", 3, SPACE, "cooking"));
        assertTrue(task.getMessage().contains("cooking"), task.getMessage());
        assertThrows(StudyException.class, () -> create("../escape", 3, SPACE, "memory-capacity"));
        List<Path> left = new ArrayList<>();
        try (var l = Files.list(root)) {
            l.filter(Files::isDirectory).forEach(left::add);
        }
        assertEquals(List.of(), left, "no study folder, not even a temporary one");
        create("twice", 1);
        assertThrows(StudyException.class, () -> create("twice", 1));
    }

    @Test
    void aTrialThatTakesTooLongFailsAndTheStudyGoesOn() throws Exception {
        // The full protocol (4,000 inputs after 1,000 STDP inputs) takes about 0.2 s here even when warm, 20 times the 10 ms allowed.
        Study s = HrsnnStudies.create(root, new HrsnnStudies.Request("slowpoke", SPACE, "memory-capacity", Objective.E, 5, 2, 3, true,
                MemoryProtocol.DEFAULT, "test"));
        new StudyRunner(s, problem(s), java.time.Duration.ofMillis(10)).run(null, 1, null);
        List<Trial> after = s.trials();
        assertNumbersUnique(after, 2);
        for (Trial t : after) {
            assertEquals(Trial.State.FAILED, t.state());
            assertTrue(t.reason().startsWith("timed out"), t.reason());
        }
        Thread.sleep(300); // the interrupted simulations stop and must not write anything afterwards
        assertEquals(4 + 2, s.journal().read().size(), "created, running and one failed event per trial, nothing more");
    }

    /**
     * A ceiling below every design's rate stops each trial in its first simulated second: pruned with the
     * reason and the rate measured, no task-stage metric (NARMA-10 under the task objective would otherwise
     * run a second, longer stage), and the ceiling is recorded with the study.
     */
    @Test
    void aRunawayTrialIsPrunedBeforeItsTaskStage() throws Exception {
        MemoryProtocol low = new MemoryProtocol(200, 50, 600, 0.6, 20, 10, MemoryProtocol.DEFAULT.states(), 0.1, 0, 0.5);
        Study s = HrsnnStudies.create(root, new HrsnnStudies.Request("runaway", SPACE, "narma10", Objective.TASK, 5, 2, 3, true, low, "test"));
        assertEquals(0.5, problem(s).protocol().maxRate());
        new StudyRunner(s, problem(s)).run(null, 1, null);
        List<Trial> after = s.trials();
        assertNumbersUnique(after, 2);
        for (Trial t : after) {
            assertEquals(Trial.State.PRUNED, t.state());
            assertTrue(t.reason().startsWith("runaway activity: mean rate ") && t.reason().contains("ceiling of 0.5 Hz"), t.reason());
            assertTrue(t.metric("s") > 0.5, "S is the rate measured up to the stop");
            assertNull(t.metric("nrmse"));
            assertNull(t.metric("silentFraction"), "nothing half-measured is recorded");
        }
    }

    static StudyConfig withEvaluation(StudyConfig c, com.fasterxml.jackson.databind.JsonNode evaluation) {
        return new StudyConfig(c.name(), c.spaceSource(), c.space(), c.task(), c.objective(), c.seed(), c.trials(), c.initialPoints(),
                c.enqueueDefaults(), c.created(), c.tool(), evaluation, c.sampler());
    }

    /** A new study records the tail rule for the states' penalty; one recorded without it (made before) resumes with GCV; a bad value is named. */
    @Test
    void theStatesPenaltyRuleIsRecordedAndOldStudiesKeepGcv() throws Exception {
        Study s = create("rule", 1, SPACE, "narma10");
        assertEquals("tail", s.config().evaluation().get("statesPenalty").asText());
        assertEquals(org.hrsnn.score.PredictionEvaluation.StatesPenalty.TAIL, problem(s).evaluator().statesPenalty());
        com.fasterxml.jackson.databind.node.ObjectNode old = s.config().evaluation().deepCopy();
        old.remove("statesPenalty");
        assertEquals(org.hrsnn.score.PredictionEvaluation.StatesPenalty.GCV, HrsnnProblem.of(withEvaluation(s.config(), old)).evaluator().statesPenalty());
        old.put("statesPenalty", "loo");
        StudyException e = assertThrows(StudyException.class, () -> HrsnnProblem.of(withEvaluation(s.config(), old)));
        assertTrue(e.getMessage().contains("field 'evaluation.statesPenalty'): must be \"tail\" or \"gcv\", got \"loo\""), e.getMessage());
    }

    /**
     * Under the task objective a candidate that fails the activity checks (here near-silent: the floor is set
     * above any rate) is pruned before its task stage; a study recorded without the gate (made before it)
     * still scores such a candidate on the task, as it did.
     */
    @Test
    void theTaskObjectivePrunesANonSpikingCandidateUnlessTheStudyPredatesTheGate() throws Exception {
        MemoryProtocol floor = new MemoryProtocol(200, 50, 600, 0.6, 20, 10, MemoryProtocol.DEFAULT.states(), 0.1, 1000, Double.POSITIVE_INFINITY);
        Study s = HrsnnStudies.create(root, new HrsnnStudies.Request("gate", SPACE, "narma10", Objective.TASK, 5, 1, 3, true, floor, "test"));
        assertTrue(s.config().evaluation().get("taskNeedsActivity").asBoolean());
        new StudyRunner(s, problem(s)).run(null, 1, null);
        Trial t = s.trials().get(0);
        assertEquals(Trial.State.PRUNED, t.state());
        assertTrue(t.reason().startsWith("near-silent network"), t.reason());
        assertNull(t.metric("nrmse"));

        com.fasterxml.jackson.databind.node.ObjectNode old = s.config().evaluation().deepCopy();
        old.remove("taskNeedsActivity");
        var before = HrsnnProblem.of(withEvaluation(s.config(), old)).evaluate(new java.util.HashMap<>(t.params()), t.seed(), (m, v) -> null);
        assertEquals(Trial.State.COMPLETE, before.state(), before.reason());
        assertTrue(Double.isFinite(((Number) before.metrics().get("nrmse")).doubleValue()));
        old.put("taskNeedsActivity", "yes");
        assertThrows(StudyException.class, () -> HrsnnProblem.of(withEvaluation(s.config(), old)));
    }

    /**
     * A gain study on NARMA-10 runs end to end: its completed trials carry the stacked readout and its null,
     * the sampler sees minus their difference, and `best` lists them by gain.
     */
    @Test
    void aGainStudyRecordsAndRanksWhatTheNetworkAdds() throws Exception {
        Study s = HrsnnStudies.create(root, new HrsnnStudies.Request("gain", SPACE, "narma10", Objective.GAIN, 5, 2, 3, true, SHORT, "test"));
        assertEquals(Objective.GAIN, s.config().objective());
        HrsnnProblem p = problem(s);
        new StudyRunner(s, p).run(null, 1, null);
        List<Trial> complete = s.trials().stream().filter(t -> t.state() == Trial.State.COMPLETE).toList();
        for (Trial t : complete) {
            double gain = t.metric("stackedNull") - t.metric("stacked");
            assertEquals(-gain, p.loss(t), 1e-15);
        }
        assertFalse(complete.isEmpty(), "states: " + s.trials().stream().map(t -> t.state() + " " + t.reason()).toList());
        assertEquals(complete.stream().sorted(java.util.Comparator.comparingDouble(t -> t.metric("stacked") - t.metric("stackedNull"))).map(Trial::number).toList().get(0),
                org.hrsnn.study.Ranking.byGain(s.trials()).get(0).number());
    }

    @Test
    void aCorruptStudyFileIsNamed() throws Exception {
        Study s = create("broken", 1);
        Files.writeString(s.folder().resolve(Study.CONFIG), "{ not json");
        var e = assertThrows(StudyException.class, () -> Study.open(root, "broken"));
        assertTrue(e.getMessage().contains("study.json"), e.getMessage());
        assertTrue(assertThrows(StudyException.class, () -> Study.open(root, "missing")).getMessage().contains("no study 'missing'"));
    }

    @Test
    void aVersion1StudyIsReadableButRefusedForRunAndExport() throws Exception {
        Path folder = Files.createDirectories(root.resolve("old"));
        try (var c = getClass().getResourceAsStream("/fixtures/study-v1-2026-11-22.json");
             var j = getClass().getResourceAsStream("/fixtures/journal-v1-2026-11-22.jsonl")) {
            Files.copy(c, folder.resolve(Study.CONFIG));
            Files.copy(j, folder.resolve(Study.JOURNAL));
        }
        Study s = Study.open(root, "old");
        assertNull(s.config().evaluation(), "format 1 recorded no protocol");
        assertEquals(30, s.trials().size());
        assertEquals(19, Ranking.byE(s.trials()).get(0).number(), "its results stay readable");
        var e = assertThrows(StudyException.class, () -> HrsnnProblem.of(s.config()));
        assertTrue(e.getMessage().contains("study format 1") && e.getMessage().contains("filtered spike trains"), e.getMessage());
        assertThrows(StudyException.class, () -> StudyExport.export(s, root.resolve("out"), 1, "test"));
        assertFalse(Files.exists(root.resolve("out")), "nothing half-written");
        Study more = s.withTrials(40);
        assertEquals(1, new com.fasterxml.jackson.databind.ObjectMapper().readTree(folder.resolve(Study.CONFIG).toFile()).path("version").asInt(),
                "a new budget keeps it a version-1 study");
        assertEquals(40, Study.open(root, "old").config().trials());
        assertNull(more.config().evaluation());
    }

    @Test
    void oldJournalsStillLoad() throws Exception {
        // The example study's journal as written on 2026-11-22 (before MC curves were recorded).
        Path old = root.resolve("journal.jsonl");
        try (var in = getClass().getResourceAsStream("/fixtures/journal-v1-2026-11-22.jsonl")) {
            Files.copy(in, old);
        }
        List<Trial> trials = TrialStates.replay(new Journal(old).read());
        assertEquals(30, trials.size());
        assertTrue(trials.stream().allMatch(Trial::finished));
        Trial t19 = trials.get(19);
        assertEquals(7.234, t19.metric("e"), 5e-4);
        assertEquals(0.9730, t19.metric("accuracy"), 5e-5);
        assertEquals(null, t19.mcCurve());
    }

    @Test
    void parallelWorkerThreadsShareTheBudget() throws Exception {
        Study s = create("threads", 6);
        List<Integer> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        int n = new StudyRunner(s, problem(s)).run(null, 3, (t, all, budget, perTrial) -> seen.add(t.number()));
        assertEquals(6, n);
        assertNumbersUnique(s.trials(), 6);
        assertEquals(6, new HashSet<>(seen).size(), "each trial reported once");
    }
}
