package org.hrsnn.cli;

import org.hrsnn.study.Comparison;
import org.hrsnn.study.Study;
import org.hrsnn.study.Trial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "compare", mixinStandardHelpOptions = true,
        header = "Compares groups of studies (one study per seed) by their medians.",
        description = "Compares groups of studies (one study per seed): for each measure, each group's median over its studies "
                + "with a bootstrap 95%% interval, and each group against the first by a two-sided exact Mann-Whitney test.")
final class CompareCommand extends StudyCommand.Root implements Callable<Integer> {
    @Option(names = "--group", required = true, paramLabel = "LABEL=NAME,NAME,..",
            description = "A group: its label and its studies, for example het=het-s1,het-s2,het-s3. Give two or more.")
    List<String> groups;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the bootstrap (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        Map<String, List<List<Trial>>> trials = new LinkedHashMap<>();
        for (String g : groups) {
            int eq = g.indexOf('=');
            if (eq < 1 || eq == g.length() - 1) throw new Main.BadInputException("--group must look like LABEL=NAME,NAME,.., got '" + g + "'");
            List<List<Trial>> studies = new ArrayList<>();
            for (String name : g.substring(eq + 1).split(",")) studies.add(StudyCommand.open(root, name.trim()).trials());
            if (trials.put(g.substring(0, eq), studies) != null) throw new Main.BadInputException("--group label '" + g.substring(0, eq) + "' given twice");
        }
        if (trials.size() < 2) throw new Main.BadInputException("give at least two --group options");
        String first = trials.keySet().iterator().next();
        java.io.PrintWriter out = out();
        for (var m : Comparison.measures().entrySet()) {
            Map<String, double[]> values = new LinkedHashMap<>();
            trials.forEach((label, studies) -> values.put(label, studies.stream().mapToDouble(t -> m.getValue().apply(t)).toArray()));
            if (values.values().stream().allMatch(v -> java.util.Arrays.stream(v).noneMatch(Double::isFinite))) continue;
            out.println(m.getKey() + ":");
            for (Comparison.Summary s : Comparison.of(values, seed)) {
                String test = Double.isNaN(s.p()) ? "" : String.format("  vs %s: U = %.1f, p = %.3g", first, s.u(), s.p());
                out.printf("  %-12s n=%d  median %.4g  95%% CI [%.4g, %.4g]  values %s%s%n", s.group(), s.values().length, s.median(), s.low(), s.high(),
                        java.util.Arrays.toString(java.util.Arrays.stream(s.values()).mapToObj(v -> String.format("%.4g", v)).toArray()), test);
            }
        }
        out.flush();
        return 0;
    }
}
