package org.hrsnn.cli;

import org.hrsnn.cli.InProcess.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.hrsnn.study.Objective;
import org.hrsnn.study.SearchSpaceFiles;
import org.hrsnn.study.Study;
import org.hrsnn.problem.HrsnnStudies;
import org.hrsnn.problem.StudyExport;
import org.hrsnn.score.MemoryProtocol;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hrsnn.cli.InProcess.hrsnn;
import static org.junit.jupiter.api.Assertions.*;

/** The output of study status, trials and best, in every format, run in-process on temporary studies. */
class StudyOutputTest {
    @TempDir
    static Path root;

    static final Path SPACE = Path.of("src", "test", "resources", "spaces", "small.yaml");
    static final String ODD_REASON = "diverged, said \"the solver\"\nat step 3";
    static final ObjectMapper JSON = new ObjectMapper();


    static Run study(String command, String name, String... more) {
        List<String> a = new ArrayList<>(List.of("study", command, name, "--root", root.toString()));
        a.addAll(List.of(more));
        Run r = hrsnn(a.toArray(String[]::new));
        assertEquals(0, r.code(), String.join(" ", a) + ": " + r.err());
        return r;
    }

    static Study create(String name, int trials) throws Exception {
        return HrsnnStudies.create(root, new HrsnnStudies.Request(name, SPACE, "memory-capacity", Objective.E, 3, trials, 1, true,
                new MemoryProtocol(200, 50, 600, 0.6, 20, 10, MemoryProtocol.DEFAULT.states(), 0.1), "test"));
    }

    static final String GONE = "999999999@1970-01-01T00:00:00Z"; // a process that has ended

    /**
     * Writes a trial into the journal as a worker would: created, running by {@code owner}, then (unless
     * {@code outcome} is null) complete with E = 2, MC = 5, S = 10 Hz, or failed with {@code reason}.
     */
    static void fabricate(Study s, int number, String owner, String outcome, String reason) throws Exception {
        var params = s.space().defaultValues();
        s.journal().locked(session -> {
            var created = JSON.createObjectNode();
            created.set("params", JSON.valueToTree(params));
            created.set("unit", JSON.valueToTree(s.space().toUnit(params)));
            created.put("seed", 42L + number);
            session.append("created", number, created);
            session.append("running", number, JSON.createObjectNode().put("owner", owner));
            if (outcome != null) {
                var end = JSON.createObjectNode().put("seconds", 0.5);
                if (reason != null) end.put("reason", reason);
                var metrics = end.putObject("metrics");
                if (outcome.equals("complete")) metrics.put("s", 10.0).put("mc", 5.0).put("e", 2.0);
                session.append(outcome, number, end);
            }
            return null;
        });
    }

    /**
     * "done": 2 trials run for real (complete or pruned); "mixed": written into the journal, trial 0
     * complete, 1 failed with an awkward reason, 2 orphaned; "new": nothing yet.
     */
    @BeforeAll
    static void studies() throws Exception {
        create("done", 2);
        study("run", "done");
        Study mixed = create("mixed", 4);
        fabricate(mixed, 0, GONE, "complete", null);
        fabricate(mixed, 1, GONE, "failed", ODD_REASON);
        fabricate(mixed, 2, GONE, null, null); // left running, and its process is gone
        create("new", 3);
    }

    @Test
    void jsonTrialsHaveANullReasonWhenTheyCompleted() throws Exception {
        JsonNode m = JSON.readTree(study("trials", "mixed", "--format", "json").out());
        assertEquals(3, m.size());
        assertEquals("complete", m.get(0).get("state").asText());
        assertTrue(m.get(0).get("reason").isNull(), "reason " + m.get(0).get("reason"));
        assertEquals(2.0, m.get(0).get("metrics").get("e").asDouble());
        assertEquals(ODD_REASON, m.get(1).get("reason").asText());
        JsonNode a = JSON.readTree(study("trials", "done", "--format", "json").out());
        assertEquals(2, a.size());
        for (JsonNode t : a) assertTrue(t.get("reason").isNull() || t.get("state").asText().matches("pruned|failed"), t.toString());
    }

    @Test
    void formatsAreCaseInsensitiveAndIncludeYaml() throws Exception {
        String json = study("trials", "done", "--format", "json").out();
        assertEquals(json, study("trials", "done", "--format", "JSON").out());
        assertEquals(study("trials", "done", "--format", "csv").out(), study("trials", "done", "--format", "Csv").out());
        JsonNode fromYaml = new YAMLMapper().readTree(study("trials", "done", "--format", "yaml").out());
        assertEquals(JSON.readTree(json), fromYaml, "YAML carries what JSON does");
        Run bad = hrsnn("study", "trials", "done", "--root", root.toString(), "--format", "xml");
        assertEquals(Main.BAD_INPUT, bad.code());
        assertTrue(bad.err().contains("--format must be table, csv, json or yaml, got 'xml'"), bad.err());
    }

    static List<Map<String, String>> csv(String text) throws Exception {
        CsvMapper m = new CsvMapper();
        try (MappingIterator<Map<String, String>> it = m.readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            return it.readAll();
        }
    }

    @Test
    void csvQuotesCommasQuotesAndNewlines() throws Exception {
        List<Map<String, String>> rows = csv(study("trials", "mixed", "--format", "csv").out());
        assertEquals(3, rows.size());
        assertEquals("failed", rows.get(1).get("state"));
        assertEquals(ODD_REASON, rows.get(1).get("reason"), "the reason survives CSV unchanged");
        assertEquals("", rows.get(0).get("reason"));
        assertEquals(2.0, Double.parseDouble(rows.get(0).get("e")));
        assertEquals("", rows.get(1).get("e"));
        assertEquals("20.0", rows.get(0).get("tau_m_e_mean"), "parameters are columns: " + rows.get(0).keySet());
        // the same in the export's trials.csv
        Study s = Study.open(root, "mixed");
        assertEquals(rows, csv(StudyExport.csv(s, s.trials())));
    }

    @Test
    void statusOfANewStudyHasNoNaN() throws Exception {
        String out = study("status", "new").out();
        assertFalse(out.contains("NaN"), out);
        assertTrue(out.contains("time per trial -"), out);
        JsonNode j = JSON.readTree(study("status", "new", "--format", "json").out());
        assertTrue(j.get("secondsPerTrial").isNull(), j.toString());
        assertEquals(0, j.get("finished").asInt());
        assertEquals(3, j.get("budget").asInt());
    }

    @Test
    void orphanedTrialsAreCountedApartAndSaidToBeRerun() throws Exception {
        String out = study("status", "mixed").out();
        assertTrue(out.matches("(?s).*\\n  orphaned +1 .*re-run.*(run|resume).*"), out);
        assertFalse(out.matches("(?s).*\\n  running +\\d.*"), "the orphan is not shown as running: " + out);
        JsonNode j = JSON.readTree(study("status", "mixed", "--format", "json").out());
        assertEquals(0, j.get("counts").get("running").asInt());
        assertEquals(1, j.get("counts").get("orphaned").asInt());
        assertEquals(1, j.get("counts").get("complete").asInt());
        assertEquals(1, j.get("counts").get("failed").asInt());
        assertTrue(j.get("secondsPerTrial").isNumber());
        assertEquals(j.get("bestByE").get("trial").asInt(), 0);
        List<Map<String, String>> rows = csv(study("status", "mixed", "--format", "CSV").out());
        assertEquals(1, rows.size());
        assertEquals("1", rows.get(0).get("counts.orphaned"));
        assertEquals(j, new YAMLMapper().readTree(study("status", "mixed", "--format", "yaml").out()));
    }

    @Test
    void bestTakesTheFormatsToo() throws Exception {
        JsonNode j = JSON.readTree(study("best", "mixed", "--format", "json", "--top", "1").out());
        assertEquals(1, j.get("byE").size());
        assertEquals(0, j.get("byE").get(0).get("trial").asInt());
        assertEquals(2.0, j.get("byE").get(0).get("metrics").get("e").asDouble());
        assertTrue(j.get("byE").get(0).get("reason").isNull());
        assertEquals(0, j.get("byTask").size(), "memory-capacity has no task metric");
        assertEquals(0, j.get("pareto").size());
        List<Map<String, String>> rows = csv(study("best", "mixed", "--format", "csv").out());
        assertEquals(1, rows.size());
        assertEquals("by E", rows.get(0).get("ranking"));
        assertEquals("1", rows.get(0).get("rank"));
        assertEquals("0", rows.get(0).get("trial"));
        assertEquals(j, new YAMLMapper().readTree(study("best", "mixed", "--format", "yaml", "--top", "1").out()));
        String table = study("best", "mixed").out();
        assertTrue(table.startsWith("by E, then task:\n  trial 0 E=2.000"), table);
    }

    /** This process, as a worker writes it: a trial it owns is running, not orphaned. */
    static final String ALIVE = ProcessHandle.current().pid() + "@" + ProcessHandle.current().info().startInstant().map(Object::toString).orElse("?");

    @Test
    void aRunningTrialWithAnIntermediateEIsNeitherRankedNorExported() throws Exception {
        Study s = create("inflight", 3);
        fabricate(s, 0, GONE, "complete", null); // E = 2
        fabricate(s, 1, ALIVE, null, null);
        s.journal().locked(session -> { // its memory stage measured a better E than trial 0's
            var body = JSON.createObjectNode().put("seconds", 0.2);
            body.putObject("metrics").put("s", 1.0).put("mc", 2.0).put("e", 0.5);
            session.append("intermediate", 1, body);
            return null;
        });
        var trials = s.trials();
        assertEquals(org.hrsnn.study.Trial.State.RUNNING, trials.get(1).state());
        assertEquals(0.5, trials.get(1).metric("e"), "the intermediate E is in the journal");
        assertEquals(List.of(0), org.hrsnn.study.Ranking.byE(trials).stream().map(org.hrsnn.study.Trial::number).toList());

        JsonNode best = JSON.readTree(study("best", "inflight", "--format", "json").out());
        assertEquals(1, best.get("byE").size(), best.toString());
        assertEquals(0, best.get("byE").get(0).get("trial").asInt());
        assertFalse(study("best", "inflight").out().contains("trial 1"));
        String exported = study("export", "inflight", "--out", root.resolve("inflight-export").toString()).out();
        assertTrue(Files.exists(root.resolve("inflight-export").resolve("trial-0000.json")), exported);
        assertFalse(Files.exists(root.resolve("inflight-export").resolve("trial-0001.json")), exported);
        assertFalse(exported.contains("trial-0001"), exported);
        List<Map<String, String>> rows = csv(Files.readString(root.resolve("inflight-export").resolve("trials.csv")));
        assertEquals("running", rows.get(1).get("state"), "trials.csv still lists every trial");
    }

    @Test
    void theTableStaysTheDefault() {
        String t = study("trials", "mixed").out();
        assertTrue(t.lines().findFirst().orElseThrow().matches("\\s*trial\\s+state\\s+E\\s+MC.*"), t);
        assertTrue(t.contains("orphaned") || t.contains("running"), t);
        assertTrue(Files.isDirectory(root.resolve("mixed")));
    }
}
