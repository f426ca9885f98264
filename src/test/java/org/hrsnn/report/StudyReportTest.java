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
        report = StudyReport.write(s, HrsnnProblem.of(s.config()), tmp.resolve("out"), "test");
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
