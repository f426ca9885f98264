package org.hrsnn.problem;

import org.hrsnn.export.DesignExport;
import org.hrsnn.export.DesignFiles;
import org.hrsnn.study.Ranking;
import org.hrsnn.study.Study;
import org.hrsnn.study.StudyException;
import org.hrsnn.study.Trial;
import org.hrsnn.study.TrialTable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a study's best designs (by E, by task, Pareto set) as design files, each with its metrics and the
 * provenance needed to re-run it elsewhere (the study's evaluation and sampler settings, the space's
 * parameter values), and all trials as CSV.
 */
public final class StudyExport {
    private StudyExport() {}

    /** The trials exported: the {@code top} best by E, by task, by gain over the raw input, and the Pareto set. */
    public static List<Trial> chosen(List<Trial> all, int top) {
        Map<Integer, Trial> chosen = new LinkedHashMap<>();
        Ranking.best(all, top).forEach(t -> chosen.put(t.number(), t));
        Ranking.pareto(all).forEach(t -> chosen.put(t.number(), t));
        return new ArrayList<>(chosen.values());
    }

    /** Writes {@code dir/trial-NNNN.json} for each chosen trial and {@code dir/trials.csv}; returns the design files. */
    public static List<Path> export(Study s, Path dir, int top, String tool) throws IOException, StudyException {
        HrsnnProblem problem = HrsnnProblem.of(s.config());
        List<Trial> all = s.trials();
        List<org.hrsnn.study.Replicates.Replicate> reps = org.hrsnn.study.Replicates.read(s);
        List<Path> files = new ArrayList<>();
        for (Trial t : chosen(all, top)) {
            Path f = dir.resolve(String.format("trial-%04d.json", t.number()));
            Map<String, Object> metrics = new LinkedHashMap<>(t.metrics());
            if (t.mcCurve() != null) metrics.put("mcCurve", t.mcCurve());
            Map<String, Object> spread = org.hrsnn.study.Replicates.summary(t, reps);
            if (!spread.isEmpty()) metrics.put("replicates", spread); // mean and spread over this trial's seed and its replicates
            DesignExport.write(f, problem.design(t.params()), t.seed(), metrics, t.params(), s.config().name(), t.number(),
                    s.config().task(), s.config().objective().label(), tool, s.config().evaluation(), s.config().sampler());
            files.add(f);
        }
        DesignFiles.writeAtomically(dir.resolve("trials.csv"), csv(s, all));
        return files;
    }

    /**
     * Writes {@code dir/trial-NNNN.nir} for each chosen trial: its network trained by the study task's STDP
     * phase, as a NIR graph; returns the files and, per file, what NIR could not express.
     */
    public static Map<Path, List<String>> exportNir(Study s, Path dir, int top, String tool) throws IOException, StudyException {
        HrsnnProblem problem = HrsnnProblem.of(s.config());
        problem.loadData();
        Map<Path, List<String>> files = new LinkedHashMap<>();
        for (Trial t : chosen(s.trials(), top)) {
            Path f = dir.resolve(String.format("trial-%04d.nir", t.number()));
            org.hrsnn.sim.Network net = problem.trainedNetwork(t.params(), t.seed());
            Map<String, String> provenance = new LinkedHashMap<>();
            provenance.put("tool", tool);
            provenance.put("task", s.config().task());
            provenance.put("design_source", "study " + s.config().name() + ", trial " + t.number());
            var x = org.hrsnn.nir.NirExport.graph(net.arrays(), net.spec(), t.seed(), provenance);
            org.hrsnn.nir.NirFile.write(f, x.graph());
            files.put(f, x.warnings());
        }
        return files;
    }

    /** All trials as CSV (see {@link TrialTable#columns}). */
    public static String csv(Study s, List<Trial> all) {
        return TrialTable.csv(TrialTable.columns(s, all), all);
    }
}
