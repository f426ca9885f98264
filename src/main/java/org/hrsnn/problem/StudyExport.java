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

    /** The trials exported: the {@code top} best by E, the {@code top} best by task, and the Pareto set. */
    public static List<Trial> chosen(List<Trial> all, int top) {
        Map<Integer, Trial> chosen = new LinkedHashMap<>();
        Ranking.byE(all).stream().limit(top).forEach(t -> chosen.put(t.number(), t));
        Ranking.byTask(all).stream().limit(top).forEach(t -> chosen.put(t.number(), t));
        Ranking.pareto(all).forEach(t -> chosen.put(t.number(), t));
        return new ArrayList<>(chosen.values());
    }

    /** Writes {@code dir/trial-NNNN.json} for each chosen trial and {@code dir/trials.csv}; returns the design files. */
    public static List<Path> export(Study s, Path dir, int top, String tool) throws IOException, StudyException {
        HrsnnProblem problem = HrsnnProblem.of(s.config());
        List<Trial> all = s.trials();
        List<Path> files = new ArrayList<>();
        for (Trial t : chosen(all, top)) {
            Path f = dir.resolve(String.format("trial-%04d.json", t.number()));
            Map<String, Object> metrics = new LinkedHashMap<>(t.metrics());
            if (t.mcCurve() != null) metrics.put("mcCurve", t.mcCurve());
            DesignExport.write(f, problem.design(t.params()), t.seed(), metrics, t.params(), s.config().name(), t.number(),
                    s.config().task(), s.config().objective().label(), tool, s.config().evaluation(), s.config().sampler());
            files.add(f);
        }
        DesignFiles.writeAtomically(dir.resolve("trials.csv"), csv(s, all));
        return files;
    }

    /** All trials as CSV (see {@link TrialTable#columns}). */
    public static String csv(Study s, List<Trial> all) {
        return TrialTable.csv(TrialTable.columns(s, all), all);
    }
}
