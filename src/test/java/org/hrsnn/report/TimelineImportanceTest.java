package org.hrsnn.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hrsnn.random.Seeds;
import org.hrsnn.study.Journal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TimelineImportanceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static Journal.Event event(String kind, int trial, double seconds, String owner) {
        ObjectNode o = JSON.createObjectNode().put("v", 1).put("event", kind).put("trial", trial).put("time", T0.plusMillis((long) (seconds * 1000)).toString());
        if (owner != null) o.put("owner", owner);
        return new Journal.Event(kind, trial, o);
    }

    @Test
    void overlappingTrialsGetTheirOwnLanesAndALaneIsReusedWhenFree() {
        List<Journal.Event> e = new ArrayList<>();
        e.add(event("running", 0, 0, "p@1"));
        e.add(event("running", 1, 1, "p@1"));
        e.add(event("complete", 0, 5, null));
        e.add(event("running", 2, 6, "p@1")); // starts after trial 0 ended: lane 0 again
        e.add(event("pruned", 1, 7, null));
        e.add(event("failed", 2, 9, null));
        e.add(event("running", 3, 10, "q@2")); // another process: a lane of its own
        Timeline t = Timeline.of(e);
        assertEquals(3, t.lanes());
        assertEquals(List.of(0, 1, 0, 2), t.bars().stream().map(Timeline.Bar::lane).toList());
        assertEquals(List.of("complete", "pruned", "failed", "running"), t.bars().stream().map(Timeline.Bar::state).toList());
        assertEquals(6, t.bars().get(2).start(), 1e-9);
        assertEquals(9, t.bars().get(2).end(), 1e-9);
        assertEquals(10, t.bars().get(3).end(), 1e-9, "a running trial is drawn up to the last event");
    }

    static Journal.Event running(int trial, double seconds, String owner, String worker) {
        Journal.Event e = event("running", trial, seconds, owner);
        e.body().put("worker", worker);
        return e;
    }

    /** Named workers: one lane each, in name order, whatever the timing; the greedy packing would have reused lane 0. */
    @Test
    void namedWorkersHaveALaneEach() {
        List<Journal.Event> e = new ArrayList<>();
        e.add(running(0, 0, "p@1", "hrsnn-worker-1"));
        e.add(event("complete", 0, 2, null));
        e.add(running(1, 3, "p@1", "hrsnn-worker-0"));
        e.add(running(2, 3, "p@1", "hrsnn-worker-1"));
        e.add(event("complete", 1, 4, null));
        e.add(event("complete", 2, 5, null));
        Timeline t = Timeline.of(e);
        assertEquals(2, t.lanes());
        assertEquals(List.of(1, 0, 1), t.bars().stream().map(Timeline.Bar::lane).toList());
    }

    /** A real run of 8 trials on 3 workers: the journal names the worker of each trial, and a worker's trials never overlap in time. */
    @Test
    void aRunOnThreeWorkersHasThreeLanesOfDisjointTrials(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root) throws Exception {
        var c = new org.hrsnn.study.StudyConfig("tl", "fake.yaml", new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(
                "format: hrsnn-search-space\nversion: 2\nname: fake\nparameters:\n  - {name: x, type: float, low: 0, high: 1}\n"), "fake",
                org.hrsnn.study.Objective.E, 1, 8, 100, false, Instant.now().toString(), "test", JSON.createObjectNode(), null);
        var s = org.hrsnn.study.Study.create(root, c, (config, sp) -> {});
        new org.hrsnn.study.StudyRunner(s, new org.hrsnn.study.Problem() {
            public Outcome evaluate(java.util.Map<String, Object> p, long seed, Checkpoint cp) {
                try {
                    Thread.sleep(150);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                }
                return new Outcome(org.hrsnn.study.Trial.State.COMPLETE, java.util.Map.of("e", 1.0), null);
            }

            public String stageMetric() {
                return "e";
            }

            public double loss(org.hrsnn.study.Trial t) {
                return t.metric("e");
            }
        }).run(null, 3, null);
        Timeline t = Timeline.of(s.journal().read());
        assertEquals(8, t.bars().size());
        assertTrue(t.lanes() >= 1 && t.lanes() <= 3, "lanes " + t.lanes());
        for (Timeline.Bar a : t.bars())
            for (Timeline.Bar b : t.bars())
                if (a != b && a.lane() == b.lane()) assertTrue(a.end() <= b.start() || b.end() <= a.start(), "trials " + a.trial() + " and " + b.trial() + " overlap on lane " + a.lane());
        assertTrue(s.journal().read().stream().filter(x -> x.kind().equals("running")).allMatch(x -> x.body().path("worker").asText().startsWith("hrsnn-worker-")));
    }

    /** y depends on the first coordinate strongly, the second weakly, the third not at all: the importances are in that order. */
    @Test
    void importanceFollowsWhatTheFunctionDependsOn() {
        var rng = Seeds.rng(5, "test");
        int n = 40;
        double[][] x = new double[n][3];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) x[i][d] = rng.nextDouble();
            y[i] = Math.sin(6 * x[i][0]) + 0.3 * x[i][1];
        }
        Importance imp = Importance.of(List.of("a", "b", "c"), x, y, 1, "y");
        double[] s = imp.shares();
        assertEquals(1, s[0] + s[1] + s[2], 1e-12);
        assertTrue(s[0] > s[1] && s[1] > s[2], java.util.Arrays.toString(s));
        assertTrue(s[0] > 0.5, java.util.Arrays.toString(s));
    }
}
