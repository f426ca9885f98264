package org.hrsnn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hrsnn.problem.HrsnnStudies;
import org.hrsnn.report.FiguresCheck;
import org.hrsnn.score.MemoryProtocol;
import org.hrsnn.study.Objective;
import org.hrsnn.study.Study;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.hrsnn.cli.InProcess.hrsnn;
import static org.junit.jupiter.api.Assertions.*;

/** study report, study compare (names grouped by space, JSON, HTML) and simulate --plot, run in-process. */
class ReportCommandsTest {
    @TempDir
    Path root;

    static final ObjectMapper JSON = new ObjectMapper();

    InProcess.Run study(String... args) {
        return InProcess.study(root, args);
    }

    /** Studies a1, a2 on the small space and b1, b2 on a copy of it named "other"; best E 2, 4 and 6, 8. */
    void twoSpaces() throws Exception {
        Path other = root.resolve("other.yaml");
        Files.createDirectories(root);
        Files.writeString(other, Files.readString(Path.of(StudyCommandsTest.SPACE)).replace("name: small", "name: other")
                .replace("template: small.json", "template: " + Path.of("src/test/resources/spaces/small.json").toAbsolutePath()));
        for (var e : Map.of("a1", 2.0, "a2", 4.0, "b1", 6.0, "b2", 8.0).entrySet()) {
            Path space = e.getKey().startsWith("a") ? Path.of(StudyCommandsTest.SPACE) : other;
            Study s = HrsnnStudies.create(root, new HrsnnStudies.Request(e.getKey(), space, "memory-capacity", Objective.E, 1, 2, 1, true,
                    MemoryProtocol.DEFAULT, "test"));
            StudyCommandsTest.fabricateE(s, 0, e.getValue() + 10);
            StudyCommandsTest.fabricateE(s, 1, e.getValue());
        }
    }

    @Test
    void compareGroupsNamesBySpaceAndWritesJsonAndAPage() throws Exception {
        twoSpaces();
        InProcess.Run r = study("compare", "a1", "a2", "b1", "b2", "--format", "json", "--out", root.resolve("cmp").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("[\"a1\",\"a2\"]", j.path("groups").path("small").toString());
        assertEquals("[\"b1\",\"b2\"]", j.path("groups").path("other").toString());
        JsonNode bestE = j.path("finals").path("best E");
        assertEquals(3.0, bestE.get(0).path("median").asDouble(), 1e-12);
        assertEquals(7.0, bestE.get(1).path("median").asDouble(), 1e-12);
        assertEquals(1.0 / 3, bestE.get(1).path("versusFirst").path("p").asDouble(), 1e-12, "exact two-sided Mann-Whitney, 2 against 2, separated");
        JsonNode curve = j.path("bestSoFar").path("e").get(1);
        assertEquals("[1,2]", curve.path("trials").toString());
        assertEquals("[17.0,7.0]", curve.path("median").toString(), "median of 16 and 18, then of 6 and 8");
        assertEquals(2, FiguresCheck.selfContained(root.resolve("cmp/compare.html")), "the best-so-far curves of E and the finals");
        FiguresCheck.nonBlankPng(root.resolve("cmp/finals.png"), 600, 300);
        FiguresCheck.nonBlankPng(root.resolve("cmp/best-so-far-e.png"), 600, 300);

        InProcess.Run text = study("compare", "a1", "a2", "--group-by", "study");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().startsWith("best E:\n  a1 "), text.out());
    }

    /** A baseline record on the studies' task and data is listed after the groups (text and JSON); one on other data is named as left out. */
    @Test
    void compareListsSupervisedBaselinesOnTheSameData() throws Exception {
        twoSpaces();
        Path same = baseline("same.json", "memory-capacity"), other = baseline("other.json", "japanese-vowels");
        InProcess.Run r = study("compare", "a1", "a2", "b1", "b2", "--baseline", same.toString(), "--baseline", other.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("supervised baselines on the same task and data:\n  SRNN x: mc 4.500, S 12.0 Hz"), r.out());
        assertTrue(r.out().contains("left out: the SRNN x baseline was obtained on other data (task japanese-vowels)"), r.out());
        JsonNode j = JSON.readTree(study("compare", "a1", "a2", "b1", "b2", "--format", "json", "--baseline", same.toString()).out());
        assertEquals("SRNN x", j.path("baselines").get(0).path("model").asText());
        Path page = root.resolve("cmp");
        InProcess.Run html = study("compare", "a1", "a2", "b1", "b2", "--baseline", same.toString(), "--baseline", other.toString(), "--out", page.toString());
        assertEquals(0, html.code(), html.err());
        String text = Files.readString(page.resolve("compare.html"));
        assertTrue(text.contains("Supervised baselines") && text.contains("SRNN x") && text.contains("4.5"), "the page lists the baseline");
        assertTrue(text.contains("on task japanese-vowels was left out"), "the page names the record left out");
        InProcess.Run bad = study("compare", "a1", "b1", "--baseline", root.resolve("none.json").toString());
        assertEquals(Main.BAD_INPUT, bad.code());
        assertTrue(bad.err().contains("none.json: no such file"), bad.err());
    }

    private Path baseline(String file, String task) throws Exception {
        var rec = org.hrsnn.export.DesignFiles.mapper().createObjectNode();
        rec.put("format", "hrsnn-baseline").put("version", 1).put("model", "SRNN x").put("task", task).putNull("data");
        rec.put("metric", "mc").put("value", 4.5).put("rateHz", 12.0).put("synapticOpsPerSample", 100).put("inputMacsPerSample", 1)
                .put("parameters", 10).put("trainSamples", 5).put("trainFraction", 1.0).put("trainSeconds", 0.5);
        return Files.writeString(root.resolve(file), rec.toPrettyString());
    }

    @Test
    void compareRefusesOneGroupAndUnknownOptions() throws Exception {
        twoSpaces();
        for (String[] bad : List.<String[]>of(new String[] {"compare", "a1", "a2"}, new String[] {"compare", "a1", "b1", "--format", "xml"},
                new String[] {"compare", "a1", "b1", "--group-by", "seed"}, new String[] {"compare", "a1", "nope"})) {
            InProcess.Run r = study(bad);
            assertEquals(Main.BAD_INPUT, r.code(), String.join(" ", bad) + ": " + r.out() + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
        assertTrue(study("compare", "a1", "a2").err().contains("give at least two groups"));
    }

    @Test
    void reportOfAFabricatedStudyAndARefusal() throws Exception {
        twoSpaces();
        Path busy = Files.createDirectories(root.resolve("busy"));
        Files.writeString(busy.resolve("keep.txt"), "mine");
        for (String[] cmd : List.<String[]>of(new String[] {"report", "a1", "--out", busy.toString()},
                new String[] {"compare", "a1", "b1", "--out", busy.toString()})) {
            InProcess.Run r2 = study(cmd);
            assertEquals(Main.BAD_INPUT, r2.code(), r2.out() + r2.err());
            assertTrue(r2.err().contains("is a folder without " + (cmd[0].equals("report") ? "report.html" : "compare.html") + ": refusing"), r2.err());
        }
        assertEquals("mine", Files.readString(busy.resolve("keep.txt")), "a folder that is not a report is left alone");
        Path old = Files.createDirectories(root.resolve("a1/report"));
        Files.writeString(old.resolve("report.html"), "an earlier report");
        Files.writeString(old.resolve("stale.png"), "from the earlier report");

        InProcess.Run r = study("report", "a1");
        assertEquals(0, r.code(), r.err());
        Path html = root.resolve("a1/report/report.html");
        assertTrue(r.out().endsWith("report: " + html + "\n"), r.out());
        assertTrue(r.out().contains("note: no trial has a task metric"), r.out());
        FiguresCheck.selfContained(html);
        assertFalse(Files.exists(old.resolve("stale.png")), "an earlier report is replaced as a whole");
        try (var l = Files.list(root)) {
            assertTrue(l.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary folder left");
        }
        InProcess.Run no = study("report", "nope");
        assertEquals(Main.BAD_INPUT, no.code());
        assertTrue(no.err().contains("no study 'nope'"), no.err());
    }

    @Test
    void reportOfAStudyWithoutTrialsSaysWhatItCannotDraw() throws Exception {
        HrsnnStudies.create(root, new HrsnnStudies.Request("fresh", Path.of(StudyCommandsTest.SPACE), "memory-capacity", Objective.E, 1, 2, 1, true,
                MemoryProtocol.DEFAULT, "test"));
        InProcess.Run r = study("report", "fresh");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("note: no finished trial has an E: no best designs to draw"), r.out());
        assertTrue(r.out().contains("note: fewer than 5 trials have an E: no parameter importance"), r.out());
        FiguresCheck.selfContained(root.resolve("fresh/report/report.html"));
    }

    /** A version-1 study (its designs cannot be rebuilt) still gets its report, without the designs' figures. */
    @Test
    void reportOfAVersionOneStudy() throws Exception {
        Path dir = Files.createDirectories(root.resolve("old"));
        Files.copy(Path.of("src/test/resources/fixtures/study-v1-2026-11-22.json"), dir.resolve("study.json"));
        Files.copy(Path.of("src/test/resources/fixtures/journal-v1-2026-11-22.jsonl"), dir.resolve("journal.jsonl"));
        InProcess.Run r = study("report", "old");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("this version cannot rebuild the study's designs"), r.out());
        assertTrue(r.out().contains("history-e.png"), r.out());
    }

    @Test
    void simulateDrawsRasterAndRates() throws Exception {
        Path png = root.resolve("plots/sim.png");
        InProcess.Run r = hrsnn("simulate", "--duration", "200", "--plot", png.toString());
        assertEquals(0, r.code(), r.err());
        FiguresCheck.nonBlankPng(png, 800, 600);
        try (var l = Files.list(png.getParent())) {
            assertEquals(List.of("sim.png"), l.map(p -> p.getFileName().toString()).toList(), "no temporary file left");
        }
    }
}
