package org.hrsnn.study;

import org.hrsnn.export.DesignExport;
import org.hrsnn.export.DesignFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a study's best designs (by E, by task, Pareto set) as design files, and all trials as CSV. */
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
    public static List<Path> export(Study s, Path dir, int top, String tool) throws IOException {
        List<Trial> all = s.trials();
        List<Path> files = new ArrayList<>();
        for (Trial t : chosen(all, top)) {
            Path f = dir.resolve(String.format("trial-%04d.json", t.number()));
            Map<String, Object> metrics = new LinkedHashMap<>(t.metrics());
            if (t.mcCurve() != null) metrics.put("mcCurve", t.mcCurve());
            DesignExport.write(f, DesignMapping.toSpec(t.params()), t.seed(), metrics, t.params(), s.config().name(), t.number(),
                    s.config().task(), s.config().objective().label(), tool);
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
