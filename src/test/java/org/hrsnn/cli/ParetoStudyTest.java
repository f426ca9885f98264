package org.hrsnn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hrsnn.study.Study;
import org.hrsnn.study.Trial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/** A study with --objective pareto: ParEGO proposals, nothing pruned, and the Pareto set's hypervolume. */
class ParetoStudyTest {
    @TempDir
    Path root;

    InProcess.Run ok(String... args) {
        InProcess.Run r = InProcess.study(root, args);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
        return r;
    }

    /** Area of the union of the rectangles [e, refE] x [l, refL], by coordinate compression (not a sweep). */
    static double unionArea(List<double[]> pts, double refE, double refL) {
        TreeSet<Double> xs = new TreeSet<>(), ys = new TreeSet<>();
        for (double[] p : pts) {
            xs.add(p[0]);
            ys.add(p[1]);
        }
        xs.add(refE);
        ys.add(refL);
        Double[] x = xs.toArray(Double[]::new), y = ys.toArray(Double[]::new);
        double area = 0;
        for (int i = 0; i + 1 < x.length; i++)
            for (int j = 0; j + 1 < y.length; j++) {
                double cx = (x[i] + x[i + 1]) / 2, cy = (y[j] + y[j + 1]) / 2;
                for (double[] p : pts)
                    if (p[0] <= cx && p[1] <= cy) {
                        area += (x[i + 1] - x[i]) * (y[j + 1] - y[j]);
                        break;
                    }
            }
        return area;
    }

    @Test
    void aParetoStudyRunsAndReportsItsHypervolume() throws Exception {
        Path protocol = Files.writeString(root.resolve("short.yaml"), "inputs: 600\nwashout: 50\ndelays: 7\ntrainingInputs: 50\n");
        ok("create", "p", "--space", "src/test/resources/spaces/small.yaml", "--task", "japanese-vowels", "--objective", "pareto",
                "--trials", "5", "--initial", "3", "--protocol", protocol.toString());
        assertEquals("pareto", new ObjectMapper().readTree(root.resolve("p/study.json").toFile()).path("objective").asText());
        ok("run", "p");
        List<Trial> trials = Study.open(root, "p").trials();
        assertEquals(5, trials.stream().filter(Trial::finished).count());
        assertTrue(trials.stream().noneMatch(t -> t.reason() != null && t.reason().contains("percentile")), "nothing pruned by E's percentile");
        List<double[]> both = new ArrayList<>();
        for (Trial t : trials)
            if (t.state() == Trial.State.COMPLETE && t.metric("e") != null && t.metric("accuracy") != null)
                both.add(new double[] {t.metric("e"), -t.metric("accuracy")});
        JsonNode best = new ObjectMapper().readTree(ok("best", "p", "--format", "json").out());
        assertTrue(both.size() >= 2, "the study measured E and accuracy on at least two trials: " + trials);
        double refE = both.stream().mapToDouble(p -> p[0]).max().orElseThrow(), refL = both.stream().mapToDouble(p -> p[1]).max().orElseThrow();
        JsonNode hv = best.path("paretoHypervolume");
        assertEquals(refE, hv.path("reference").path("e").asDouble(), 0.0);
        assertEquals(refL, hv.path("reference").path("taskLoss").asDouble(), 0.0);
        assertEquals(unionArea(both, refE, refL), hv.path("value").asDouble(), 1e-12 * Math.max(1, refE));
        assertTrue(ok("best", "p").out().contains("hypervolume of the Pareto set"));
    }
}
