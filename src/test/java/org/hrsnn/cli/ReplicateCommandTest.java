package org.hrsnn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hrsnn.study.Ranking;
import org.hrsnn.study.Replicates;
import org.hrsnn.study.Study;
import org.hrsnn.study.Trial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** study replicate: fresh seeds derived from the trial's, idempotent, and the spreads study best and export report. */
class ReplicateCommandTest {
    @TempDir
    Path root;

    static final ObjectMapper JSON = new ObjectMapper();

    InProcess.Run study(String... args) {
        return InProcess.study(root, args);
    }

    InProcess.Run ok(String... args) {
        InProcess.Run r = study(args);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
        return r;
    }

    @Test
    void replicatesAreReproducibleIdempotentAndReportedAsMeanAndSpread() throws Exception {
        Path protocol = Files.writeString(root.resolve("short.yaml"), "inputs: 600\nwashout: 50\ndelays: 7\ntrainingInputs: 50\n");
        ok("create", "r", "--space", "src/test/resources/spaces/small.yaml", "--task", "memory-capacity", "--trials", "2", "--protocol", protocol.toString());
        ok("run", "r");
        List<Trial> trials = Study.open(root, "r").trials();
        Trial best = Ranking.byE(trials).get(0); // fails here if no trial measured an E
        InProcess.Run r = ok("replicate", "r", "--replicates", "2", "--top", "1");
        assertTrue(r.out().contains("trial " + best.number() + ", replicate 2 (seed " + Replicates.seed(best, 2) + ")"), r.out());

        List<Replicates.Replicate> reps = Replicates.read(Study.open(root, "r"));
        assertEquals(2, reps.size(), reps.toString());
        for (Replicates.Replicate x : reps) {
            assertEquals(best.number(), x.trial());
            assertNotEquals(best.seed(), x.seed(), "a fresh seed");
        }
        assertNotEquals(reps.get(0).seed(), reps.get(1).seed());

        // a second call with the same K evaluates nothing; K = 3 adds only the third
        assertFalse(ok("replicate", "r", "--replicates", "2", "--top", "1").out().contains("replicate 1 (seed"));
        r = ok("replicate", "r", "--replicates", "3", "--top", "1");
        assertTrue(r.out().contains("replicate 3 (seed") && !r.out().contains("replicate 2 (seed"), r.out());
        reps = Replicates.read(Study.open(root, "r"));
        assertEquals(3, reps.size());

        // mean and sample sd over the trial's own E and the replicates' E, computed here from the file
        List<Double> e = new ArrayList<>(List.of(best.metric("e")));
        for (Replicates.Replicate x : reps) if (x.metrics().get("e") != null) e.add(x.metrics().get("e"));
        double mean = e.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double ss = e.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        JsonNode top = JSON.readTree(ok("best", "r", "--top", "1", "--format", "json").out()).path("byE").get(0);
        assertEquals(best.number(), top.path("trial").asInt());
        assertEquals(e.size(), top.path("replicates").path("e").path("n").asInt());
        assertEquals(mean, top.path("replicates").path("e").path("mean").asDouble(), 1e-12 * Math.abs(mean));
        if (e.size() > 1) assertEquals(Math.sqrt(ss / (e.size() - 1)), top.path("replicates").path("e").path("sd").asDouble(), 1e-9 * mean);
        assertTrue(ok("best", "r", "--top", "1").out().contains("over " + e.size() + " seeds"));

        ok("export", "r", "--top", "1");
        JsonNode design = JSON.readTree(root.resolve(String.format("r/export/trial-%04d.json", best.number())).toFile());
        assertEquals(mean, design.path("metrics").path("replicates").path("e").path("mean").asDouble(), 1e-12 * Math.abs(mean));
    }

    @Test
    void aMalformedReplicatesFileAndBadOptionsAreRefusedWithTheirNames() throws Exception {
        ok("create", "m", "--space", "src/test/resources/spaces/small.yaml", "--task", "memory-capacity", "--trials", "1");
        InProcess.Run r = study("replicate", "m", "--replicates", "0");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--replicates must be from 1 to 100, got 0"), r.err());
        Files.writeString(root.resolve("m/" + Replicates.FILE), "{\"format\": \"hrsnn-replicates\", \"replicates\": [{\"trial\": 0, \"index\": 1, \"seed\": 5, \"state\": \"DONE\"}]}");
        r = study("best", "m");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains(Replicates.FILE + ": replicates[0]: field 'state' must be COMPLETE, PRUNED or FAILED"), r.err());
    }
}
