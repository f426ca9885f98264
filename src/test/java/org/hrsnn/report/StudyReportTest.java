package org.hrsnn.report;

import org.hrsnn.problem.HrsnnProblem;
import org.hrsnn.study.Study;
import org.hrsnn.study.Trial;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** The report of the shipped example study (studies/example, 30 trials of japanese-vowels): every figure, valid and drawn, in a page that needs nothing else. */
class StudyReportTest {
    @TempDir
    static Path tmp;
    static StudyReport.Result report;
    static List<Trial> trials;

    @BeforeAll
    static void write() throws Exception {
        Path root = tmp.resolve("studies");
        copy(Path.of("studies/example"), root.resolve("example"));
        Study s = Study.open(root, "example");
        trials = s.trials();
        // A supervised baseline's record on the study's own data (as `hrsnn baseline srnn --out` writes it).
        var rec = org.hrsnn.export.DesignFiles.mapper().createObjectNode();
        rec.put("format", "hrsnn-baseline").put("version", 1).put("model", "SRNN test record").put("task", s.config().task());
        rec.set("data", s.config().evaluation().get("data"));
        rec.put("metric", "accuracy").put("value", 0.9).put("rateHz", 42.5).put("synapticOpsPerSample", 1234).put("inputMacsPerSample", 10)
                .put("parameters", 5650).put("trainSamples", 270).put("trainFraction", 1.0).put("trainSeconds", 3.5);
        Path file = Files.writeString(Files.createDirectories(tmp.resolve("studies")).resolve("srnn.json"), rec.toPrettyString());
        report = StudyReport.write(s, HrsnnProblem.of(s.config()), tmp.resolve("out"), "test", List.of(org.hrsnn.baseline.BaselineRecord.read(file)));
    }

    @Test
    void aSupervisedBaselineOnTheSameDataIsShownBesideTheBestDesign() throws Exception {
        String html = Files.readString(report.html());
        assertTrue(html.contains("Supervised baselines"), "section");
        assertTrue(html.contains("SRNN test record") && html.contains("42.5") && html.contains("1234"), "the record's row");
        int best = org.hrsnn.study.Ranking.byTask(trials).get(0).number();
        assertTrue(html.contains("HRSNN trial " + best), "the best design's row");
    }

    static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        for (String f : List.of(Study.CONFIG, Study.JOURNAL)) Files.copy(from.resolve(f), to.resolve(f));
    }

    @Test
    void everyFigureTheIssueListsIsWrittenAndDrawn() throws Exception {
        Set<String> names = report.figures().stream().map(Charts.Figure::name).collect(Collectors.toCollection(TreeSet::new));
        int best = org.hrsnn.study.Ranking.byE(trials).get(0).number();
        for (String n : List.of("history-e", "history-task", "pareto", "parallel", "slices", "importance", "mc-curve", "timeline",
                "design-" + best + "-distributions", "design-" + best + "-activity"))
            assertTrue(names.contains(n), n + " missing from " + names);
        for (Charts.Figure f : report.figures()) {
            FiguresCheck.nonBlankPng(report.folder().resolve(f.png()), 300, 200);
            if (f.svg() != null) {
                DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
                xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // the SVG's DOCTYPE names the W3C DTD: not fetched
                var doc = xml.newDocumentBuilder().parse(report.folder().resolve(f.svg()).toFile());
                assertEquals("svg", doc.getDocumentElement().getNodeName(), f.svg());
            }
        }
        assertTrue(report.notes().isEmpty(), "the example has everything to draw: " + report.notes());
    }

    @Test
    void thePageIsSelfContainedAndListsEveryTrial() throws Exception {
        assertEquals(report.figures().size(), FiguresCheck.selfContained(report.html()));
        String page = Files.readString(report.html());
        for (Trial t : trials) assertTrue(page.contains("<tr><td>" + t.number() + "</td><td class=\"l\">"), "trial " + t.number() + " not in the table");
        assertTrue(page.contains("Method: inverse ARD length scales"), "the importance method is named");
        assertTrue(page.contains(StudyReport.sha256(Path.of("studies/example/journal.jsonl"))), "provenance: the journal's SHA-256");
        try (var l = Files.list(tmp)) {
            assertEquals(List.of("out", "studies"), l.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary folder left");
        }
    }

    @Test
    void theParetoSetAndItsHypervolumeAndTheShareOfCoordinatesOnAFaceAreReported() throws Exception {
        String page = Files.readString(report.html());
        var front = org.hrsnn.study.Ranking.pareto(trials);
        assertFalse(front.isEmpty());
        assertTrue(page.contains("id=\"pareto-set\""), "the section");
        for (Trial t : front) assertTrue(page.contains("<tr><td>" + t.number() + "</td><td>"), "front trial " + t.number());
        // the hypervolume by a second computation: the union of the rectangles each front point dominates, on a fine grid
        var hv = org.hrsnn.study.Ranking.paretoHypervolume(trials);
        assertTrue(page.contains(String.format(java.util.Locale.ROOT, "%.4g", hv.hypervolume())), "hypervolume " + hv.hypervolume());
        double[] ref = hv.reference();
        double e0 = front.stream().mapToDouble(t -> t.metric("e")).min().orElseThrow();
        double l0 = front.stream().mapToDouble(t -> org.hrsnn.study.Ranking.taskLoss(t)).min().orElseThrow();
        int n = 2000;
        long inside = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                double e = e0 + (ref[0] - e0) * (i + 0.5) / n, l = l0 + (ref[1] - l0) * (j + 0.5) / n;
                for (Trial t : front)
                    if (t.metric("e") <= e && org.hrsnn.study.Ranking.taskLoss(t) <= l) {
                        inside++;
                        break;
                    }
            }
        assertEquals(hv.hypervolume(), (ref[0] - e0) * (ref[1] - l0) * inside / ((double) n * n), 2e-3 * (ref[0] - e0) * (ref[1] - l0));
        // the share of the GP's coordinates on a face, counted here from the trials' unit points
        Study s = Study.open(tmp.resolve("studies"), "example");
        int from = org.hrsnn.opt.gp.GpSampler.initialPoints(s.space().dimension(), s.config().trials(), s.config().initialPoints());
        long at = 0, all = 0;
        for (Trial t : trials)
            if (t.number() >= from && t.unit() != null)
                for (double u : t.unit()) {
                    all++;
                    if (u == 0 || u == 1 || u < 1e-9 || u > 1 - 1e-9) at++;
                }
        assertTrue(all > 0);
        assertTrue(page.contains(String.format(java.util.Locale.ROOT, "%.0f%% of %d coordinates (trials from %d on)", 100.0 * at / all, all, from)), "share on faces");
    }

    /** The memory curve drawn is the one measured: its sum is the MC the trial recorded. */
    @Test
    void theBestDesignsCurveSumsToItsMc() {
        Trial best = org.hrsnn.study.Ranking.byE(trials).get(0);
        assertEquals(best.metric("mc"), java.util.Arrays.stream(best.mcCurve()).sum(), 1e-9);
        assertTrue(report.figures().stream().anyMatch(f -> f.name().equals("mc-curve")));
    }

    @Test
    void theHistoryCurveIsTheRunningMinimum() {
        double[] best = BestSoFar.of(trials, "e", true);
        double low = Double.POSITIVE_INFINITY;
        for (int i = 0; i < trials.size(); i++) {
            Trial t = trials.get(i);
            if (t.finished() && t.metric("e") != null) low = Math.min(low, t.metric("e"));
            assertEquals(Double.isInfinite(low) ? Double.NaN : low, best[i], 0.0, "after trial " + t.number());
        }
    }
}
