package org.hrsnn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hrsnn.problem.HrsnnStudies;
import org.hrsnn.score.MemoryProtocol;
import org.hrsnn.study.Objective;
import org.hrsnn.study.Study;
import org.hrsnn.study.Trial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.*;

/** Every study command run in-process on temporary studies: outputs checked against the journal, and bad input. */
class StudyCommandsTest {
    @TempDir
    Path root;

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SPACE = "src/test/resources/spaces/small.yaml";

    InProcess.Run study(String... args) {
        return InProcess.study(root, args);
    }

    InProcess.Run ok(String... args) {
        InProcess.Run r = study(args);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
        assertEquals("", r.err(), String.join(" ", args));
        return r;
    }

    static String f4(double v) {
        return String.format("%.4g", v);
    }

    /** A protocol file given at create is recorded and used by the trials; a bad one creates nothing. */
    @Test
    void createRecordsAndRunsAProtocolFile() throws Exception {
        Path p = java.nio.file.Files.writeString(root.resolve("short.yaml"), "inputs: 600\nwashout: 50\ndelays: 7\ntrainingInputs: 50\n");
        ok("create", "proto", "--space", SPACE, "--task", "memory-capacity", "--trials", "1", "--protocol", p.toString());
        JsonNode memory = JSON.readTree(root.resolve("proto/study.json").toFile()).path("evaluation").path("memory");
        assertEquals(600, memory.path("inputs").asInt());
        assertEquals(7, memory.path("delays").asInt());
        assertEquals("voltage", memory.path("states").asText());
        ok("run", "proto");
        Trial t = Study.open(root, "proto").trials().get(0);
        assertEquals(7, t.mcCurve().length, "the trial measured 7 delays: " + t.metrics());

        Path bad = java.nio.file.Files.writeString(root.resolve("bad.yaml"), "delays: 2.5\n");
        InProcess.Run r = study("create", "nope", "--space", SPACE, "--task", "memory-capacity", "--protocol", bad.toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--protocol " + bad + ".delays: must be a whole number, got 2.5"), r.err());
        assertFalse(java.nio.file.Files.exists(root.resolve("nope")));
        r = study("create", "nope", "--space", SPACE, "--task", "memory-capacity", "--protocol", root.resolve("missing.yaml").toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("missing.yaml: cannot be read (no such file)"), r.err());
    }

    @Test
    void createRunStatusTrialsBestExportListInProcess() throws Exception {
        InProcess.Run r = ok("create", "life", "--space", SPACE, "--task", "memory-capacity", "--trials", "2", "--seed", "1");
        assertTrue(r.out().startsWith("created study 'life' in " + root.resolve("life") + ": 4-D space "), r.out());
        assertTrue(r.out().contains("task memory-capacity, objective e, seed 1, 2 trials"), r.out());
        assertEquals(2, JSON.readTree(root.resolve("life/study.json").toFile()).path("trials").asInt());

        r = ok("run", "life");
        assertTrue(r.out().contains("[1/2] trial 0 ") && r.out().contains("[2/2] trial 1 "), r.out());
        assertTrue(r.out().contains("this run finished 2 trial(s); 2 of 2 done."), r.out());
        List<Trial> trials = Study.open(root, "life").trials();
        assertEquals(2, trials.stream().filter(Trial::finished).count());
        // The best by E, found here without Ranking.
        Trial best = trials.stream().filter(t -> t.finished() && t.metric("e") != null).min(Comparator.comparingDouble(t -> t.metric("e"))).orElse(null);

        JsonNode status = JSON.readTree(ok("status", "life", "--format", "json").out());
        assertEquals(2, status.path("finished").asInt());
        for (Trial.State st : List.of(Trial.State.COMPLETE, Trial.State.PRUNED, Trial.State.FAILED))
            assertEquals(trials.stream().filter(t -> t.state() == st).count(), status.path("counts").path(st.name().toLowerCase(Locale.ROOT)).asInt(), st.name());
        String table = ok("status", "life").out();
        assertTrue(table.startsWith("study 'life' (" + root.resolve("life") + "): task memory-capacity, objective e, seed 1, budget 2"), table);
        if (best != null) {
            assertEquals(best.number(), status.path("bestByE").path("trial").asInt());
            assertTrue(table.contains("best by E:    trial " + best.number() + " E=" + f4(best.metric("e"))), table);
        }

        List<String> rows = ok("trials", "life").out().lines().toList();
        assertEquals(3, rows.size(), String.join("\n", rows));
        for (int i = 0; i < 2; i++) {
            String[] cells = rows.get(i + 1).strip().split("\\s+");
            Trial t = trials.get(i);
            assertEquals(String.valueOf(t.number()), cells[0]);
            assertEquals(t.state().name().toLowerCase(Locale.ROOT), cells[1]);
            assertEquals(t.metric("e") == null ? "-" : f4(t.metric("e")), cells[2]);
        }

        String bestOut = ok("best", "life", "--top", "1").out();
        assertTrue(bestOut.startsWith("by E, then task:\n" + (best == null ? "  (none)" : "  trial " + best.number() + " E=" + f4(best.metric("e")))), bestOut);
        assertTrue(bestOut.contains("by task metric:\n  (none)"), "memory-capacity has no task metric: " + bestOut);

        r = ok("export", "life", "--top", "3");
        Path export = root.resolve("life/export");
        Set<String> expected = trials.stream().filter(t -> t.finished() && t.metric("e") != null)
                .map(t -> String.format("trial-%04d.json", t.number())).collect(Collectors.toCollection(TreeSet::new));
        Set<String> written;
        try (var l = Files.list(export)) {
            written = l.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("trial-")).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(expected, written, r.out());
        for (String name : written) {
            Trial t = trials.get(Integer.parseInt(name.replaceAll("\\D", "")));
            JsonNode file = JSON.readTree(export.resolve(name).toFile());
            assertEquals(t.metric("e"), file.path("metrics").path("e").asDouble(), 0.0, name);
            assertEquals(t.seed(), file.path("seed").asLong(), name);
        }
        assertEquals(3, Files.readAllLines(export.resolve("trials.csv")).size(), "header and two trials");
        assertTrue(r.out().contains("wrote " + export.resolve("trials.csv") + " (2 trials)"), r.out());

        fourStudiesInTwoGroups();
        String cmp = ok("compare", "--group", "A=a1,a2", "--group", "B=b1,b2").out();
        // Bootstrap medians of two values are the low one, the midpoint or the high one: the 95% interval is their range.
        // Exact two-sided Mann-Whitney for two fully separated pairs: U = 0 (or 4), p = 2 / C(4, 2) = 1/3.
        assertTrue(cmp.startsWith("best E:\n"), cmp);
        assertTrue(cmp.contains("  A            n=2  median 3.000  95% CI [2.000, 4.000]  values [2.000, 4.000]\n"), cmp);
        assertTrue(cmp.contains("  B            n=2  median 7.000  95% CI [6.000, 8.000]  values [6.000, 8.000]  vs A: U = 0.0, p = 0.333\n"), cmp);
        // MC of the best E is 1 / E: A = {0.5, 0.25}, B = {1/6, 1/8}, the other way round.
        assertTrue(cmp.contains("MC of best E:\n  A            n=2  median 0.3750"), cmp);
        assertTrue(cmp.contains("vs A: U = 4.0, p = 0.333"), cmp);
        // One pair as the factor: the stratified test of one stratum is Mann-Whitney's; shift = median of the 4 differences A - B.
        String factor = ok("compare", "--group", "A=a1,a2", "--group", "B=b1,b2", "--effect", "lower=A:B").out();
        assertTrue(factor.contains("best E:\n  A  "), factor);
        assertTrue(factor.contains("  factor lower (A vs B): shift -4.000 (per pair [-4.000]), stratified rank test p = 0.333\n"), factor);
        assertFalse(cmp.contains("best accuracy"), "no study has a task metric: " + cmp);

        String list = ok("list").out();
        assertTrue(list.matches("(?s)a1 +2/2 +finished +task memory-capacity +objective e\\n.*"), list);
        assertTrue(list.matches("(?s).*\\nlife +2/2 +finished .*"), list);
        assertEquals(5, list.lines().count(), list);
    }

    /** Trial {@code number} complete with E = {@code e}, MC = 1 / e, S = 1 Hz. */
    static void fabricateE(Study s, int number, double e) throws Exception {
        var params = s.space().defaultValues();
        s.journal().locked(session -> {
            var created = JSON.createObjectNode();
            created.set("params", JSON.valueToTree(params));
            created.set("unit", JSON.valueToTree(s.space().toUnit(params)));
            created.put("seed", 7L + number);
            session.append("created", number, created);
            session.append("running", number, JSON.createObjectNode().put("owner", StudyOutputTest.GONE));
            var end = JSON.createObjectNode().put("seconds", 0.1);
            end.putObject("metrics").put("s", 1.0).put("mc", 1 / e).put("e", e);
            session.append("complete", number, end);
            return null;
        });
    }

    /** Studies a1, a2 (group A, best E 2 and 4) and b1, b2 (group B, best E 6 and 8), each with a second, worse trial. */
    void fourStudiesInTwoGroups() throws Exception {
        for (var e : Map.of("a1", 2.0, "a2", 4.0, "b1", 6.0, "b2", 8.0).entrySet()) {
            Study s = HrsnnStudies.create(root, new HrsnnStudies.Request(e.getKey(), Path.of(SPACE), "memory-capacity", Objective.E, 1, 2, 1, true,
                    MemoryProtocol.DEFAULT, "test"));
            fabricateE(s, 0, e.getValue() + 10);
            fabricateE(s, 1, e.getValue());
        }
    }

    @Test
    void aStudyOnAUeaPairIsCreatedFromTheCommandLine() throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        for (String split : List.of("TRAIN", "TEST"))
            try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("src/main/resources/datasets/GunPoint_" + split + ".ts.gz")))) {
                Files.copy(in, data.resolve("gp_" + split + ".ts"));
            }
        InProcess.Run r = ok("create", "gp", "--space", SPACE, "--task", "uea", "--train", data.resolve("gp_TRAIN.ts").toString(),
                "--test", data.resolve("gp_TEST.ts").toString(), "--trials", "1");
        assertTrue(r.out().contains("task uea (GunPoint), objective e-then-task"), r.out());
        JsonNode d = JSON.readTree(root.resolve("gp/study.json").toFile()).path("evaluation").path("data");
        assertEquals(data.resolve("gp_TRAIN.ts").toString(), d.path("train").asText());
        assertEquals(64, d.path("test.sha256").asText().length());
        r = ok("create", "gp2", "--space", SPACE, "--task", "uea", "--dataset", "GunPoint", "--objective", "task");
        assertTrue(r.out().contains("task uea (GunPoint), objective task"), r.out());
    }

    /** Exit code 2 and one line, "error: ...", that contains {@code naming}. */
    void refused(String naming, String... args) {
        InProcess.Run r = study(args);
        assertEquals(Main.BAD_INPUT, r.code(), String.join(" ", args) + ": " + r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: ") && r.err().contains(naming), r.err());
    }

    @Test
    void badInputIsOneLineAndExitCode2() throws Exception {
        HrsnnStudies.create(root, new HrsnnStudies.Request("one", Path.of(SPACE), "memory-capacity", Objective.E, 1, 2, 1, true, MemoryProtocol.DEFAULT, "test"));
        HrsnnStudies.create(root, new HrsnnStudies.Request("two", Path.of(SPACE), "memory-capacity", Objective.E, 1, 2, 1, true, MemoryProtocol.DEFAULT, "test"));
        for (String cmd : List.of("status", "trials", "best", "export", "run", "resume"))
            refused("no study 'nope' in " + root, cmd, "nope");
        for (String cmd : List.of("status", "trials", "best"))
            refused("--format must be table, csv, json or yaml, got 'xml'", cmd, "one", "--format", "xml");
        refused("--group must look like LABEL=NAME,NAME,.., got 'Bone'", "compare", "--group", "A=one", "--group", "Bone");
        refused("--group must look like LABEL=NAME,NAME,.., got '=one'", "compare", "--group", "=one", "--group", "B=two");
        refused("no study 'nope'", "compare", "--group", "A=one", "--group", "B=two,nope");
        refused("--effect 'x': 'C' is not a group; the groups are [A, B]", "compare", "--group", "A=one", "--group", "B=two", "--effect", "x=A:C");
        refused("--effect 'x': each pair must be WITH:WITHOUT (two group labels), got 'A'", "compare", "--group", "A=one", "--group", "B=two", "--effect", "x=A");
        refused("--effect must look like LABEL=WITH:WITHOUT,WITH:WITHOUT, got 'A:B'", "compare", "--group", "A=one", "--group", "B=two", "--effect", "A:B");
        refused("--effect 'x': group 'A' is in two pairs; each pair is a stratum, and strata must not share studies", "compare", "--group", "A=one",
                "--group", "B=two", "--group", "C=one", "--effect", "x=A:B,C:A");
        refused("--effect 'x': a pair compares group 'A' with itself", "compare", "--group", "A=one", "--group", "B=two", "--effect", "x=A:A");
        refused("--group label 'A' given twice", "compare", "--group", "A=one", "--group", "A=two");
        refused("give at least two groups (two --group options, or studies of two search spaces), got [A]", "compare", "--group", "A=one,two");
        refused("--task must be memory-capacity, japanese-vowels, uea, fsdd, narma10, mackey-glass, lorenz or sunspots, got 'cooking'",
                "create", "x", "--space", SPACE, "--task", "cooking");
        refused("--task uea needs --dataset NAME, or --train FILE and --test FILE", "create", "x", "--space", SPACE, "--task", "uea");
        refused("--task narma10 has its own data", "create", "x", "--space", SPACE, "--task", "narma10", "--dataset", "GunPoint");
        refused("study 'one' already exists", "create", "one", "--space", SPACE, "--task", "memory-capacity");
        refused("--workers must be from 1 to 256, got 0", "run", "one", "--workers", "0");
        refused("--trial-threads must be from 1 to 256, got 0", "run", "one", "--trial-threads", "0");
        refused("--timeout must look like", "run", "one", "--timeout", "soon");
        assertFalse(Files.exists(root.resolve("x")), "no study was made");
        assertEquals(List.of(), Study.open(root, "one").journal().read(), "nothing ran");
    }
}
