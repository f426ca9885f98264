package org.hrsnn.cli;

import org.hrsnn.cli.InProcess.Run;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.hrsnn.cli.InProcess.hrsnn;
import static org.junit.jupiter.api.Assertions.*;

class EvaluateCommandTest {

    @Test
    void theShippedUeaProblemsAreNamedAndChecked() {
        Run r = hrsnn("evaluate", "--task", "uea", "--dataset", "Nope");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--dataset must be one of JapaneseVowels, GunPoint, BasicMotions, got 'Nope'"), r.err());
        r = hrsnn("evaluate", "--task", "uea", "--dataset", "GunPoint", "--train", "x.ts");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("not both"), r.err());
        r = hrsnn("evaluate", "--task", "uea");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--dataset NAME, or --train FILE and --test FILE"), r.err());
    }

    @Test
    void aBadProtocolFileIsOneLineNamingTheField(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path p = java.nio.file.Files.writeString(dir.resolve("p.json"), "{\"states\": \"voltage\", \"holdMs\": -1}");
        Run r = hrsnn("evaluate", "--protocol", p.toString());
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--protocol " + p + ": holdMs must be > 0, got -1.0"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void trainFractionIsCheckedAndForClassificationOnly() {
        Run r = hrsnn("evaluate", "--task", "japanese-vowels", "--train-fraction", "0");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--train-fraction must be in (0, 1], got 0.0"), r.err());
        r = hrsnn("evaluate", "--task", "narma10", "--train-fraction", "0.5");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--train-fraction is for classification tasks"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void seedsParseListsAndRangesAndRefuseTheRest() {
        assertEquals(java.util.List.of(1L, 2L, 3L, 7L), SeedSweep.parse("1-3,7,2"));
        assertEquals(java.util.List.of(-2L, -1L, 0L), SeedSweep.parse("-2--0"));
        assertThrows(Main.BadInputException.class, () -> SeedSweep.parse("3-1"));
        assertThrows(Main.BadInputException.class, () -> SeedSweep.parse("1,x"));
        assertThrows(Main.BadInputException.class, () -> SeedSweep.parse("1-5000"));
        Run r = hrsnn("evaluate", "--seed", "1", "--seeds", "1-2");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--seed and --seeds cannot be given together"), r.err());
    }

    @Test
    void eachSeedOfASweepIsTheSingleSeedEvaluationAndTheSummaryCountsThem() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var o = mapper.readTree(stdout("evaluate", "--task", "narma10", "--seeds", "3,4", "--json"));
        assertEquals(2, o.get("seeds").size());
        int wins = 0;
        for (int i = 0; i < 2; i++) {
            var row = o.get("seeds").get(i);
            var single = mapper.readTree(stdout("evaluate", "--task", "narma10", "--seed", String.valueOf(3 + i), "--json"));
            for (String f : new String[] {"memoryCapacity", "nrmse", "baselineNrmse", "strongBaselineNrmse", "stackedNrmse", "stackedNullNrmse"})
                assertEquals(single.get(f).asDouble(), row.get(f).asDouble(), 0, f + " at seed " + (3 + i));
            if (row.get("nrmse").asDouble() < row.get("baselineNrmse").asDouble()) wins++;
        }
        var versus = o.get("summary").get("versus raw input, last 10 (NRMSE)");
        assertEquals(wins, versus.get("wins").asInt());
        assertEquals(2, versus.get("wins").asInt() + versus.get("ties").asInt() + versus.get("losses").asInt());
        var stackedVersusNull = o.get("summary").get("raw input then network (NRMSE) versus its null, network rows shuffled (NRMSE)");
        assertEquals(2, stackedVersusNull.get("wins").asInt() + stackedVersusNull.get("ties").asInt() + stackedVersusNull.get("losses").asInt());
    }

    /**
     * An exported design from a study under a non-default protocol (and the tail rule of the states' penalty)
     * re-evaluates to its recorded metrics without --protocol: evaluate reads the provenance. A provenance
     * with a bad rule is one line naming the file and the field.
     */
    @Test
    void anExportedDesignIsScoredUnderItsRecordedProtocol(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root) throws Exception {
        var protocol = new org.hrsnn.score.MemoryProtocol(200, 50, 600, 0.6, 20, 10, org.hrsnn.score.MemoryProtocol.DEFAULT.states(), 0.1);
        var s = org.hrsnn.problem.HrsnnStudies.create(root, new org.hrsnn.problem.HrsnnStudies.Request("narma", java.nio.file.Path.of("src", "test", "resources", "spaces", "small.yaml"),
                "narma10", org.hrsnn.study.Objective.E_THEN_TASK, 5, 2, 3, true, protocol, "test"));
        new org.hrsnn.study.StudyRunner(s, org.hrsnn.problem.HrsnnProblem.of(s.config())).run(null, 1, null);
        java.nio.file.Path f = org.hrsnn.problem.StudyExport.export(s, root.resolve("out"), 1, "test").get(0);
        var trial = s.trials().get(Integer.parseInt(f.getFileName().toString().replaceAll("\\D", "")));
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var o = mapper.readTree(stdout("evaluate", "--design", f.toString(), "--task", "narma10", "--json"));
        assertEquals(trial.metric("e"), o.get("e").asDouble(), 0.0, "the recorded protocol, not the default");
        assertEquals(trial.metric("mc"), o.get("memoryCapacity").asDouble(), 0.0);
        assertNotNull(trial.metric("nrmse"), "the exported trial reached its task stage: " + trial);
        assertEquals(trial.metric("nrmse"), o.get("nrmse").asDouble(), 0.0, "the recorded readout rule");
        assertEquals(trial.metric("stacked"), o.get("stackedNrmse").asDouble(), 0.0);
        var fresh = mapper.readTree(stdout("evaluate", "--design", f.toString(), "--task", "narma10", "--json", "--ignore-provenance"));
        assertNotEquals(trial.metric("e"), fresh.get("e").asDouble(), "--ignore-provenance: the default protocol");
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(f.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("provenance").path("evaluation")).put("statesPenalty", "loo");
        java.nio.file.Path bad = java.nio.file.Files.writeString(root.resolve("bad.json"), mapper.writeValueAsString(tree));
        Run r = hrsnn("evaluate", "--design", bad.toString(), "--task", "narma10");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains(bad + ": provenance.evaluation.statesPenalty: must be \"tail\" or \"gcv\", got \"loo\""), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    /** What a command prints on standard output (evaluate prints there, not on picocli's writer); it must exit 0. */
    private static String stdout(String... args) {
        java.io.PrintStream saved = System.out;
        var buffer = new java.io.ByteArrayOutputStream();
        Run r;
        try {
            System.setOut(new java.io.PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8));
            r = hrsnn(args);
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, r.code(), r.err());
        return buffer.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
