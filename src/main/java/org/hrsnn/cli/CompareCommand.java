package org.hrsnn.cli;

import org.hrsnn.report.StudyComparison;
import org.hrsnn.study.Comparison;
import org.hrsnn.study.Study;
import org.hrsnn.study.Trial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "compare", mixinStandardHelpOptions = true,
        header = "Compares groups of studies (one study per seed) by their medians.",
        description = "Compares groups of studies (one study per seed): for each measure, each group's median over its studies "
                + "with a bootstrap 95%% interval, and each group against the first by a two-sided exact Mann-Whitney test. "
                + "Groups are given with --group, or as study names grouped by their search space (--group-by space). "
                + "--out DIR also writes compare.html with the best-so-far curves of E and of the task metric per group "
                + "(median and interquartile band) as PNG and SVG. --effect tests a factor of the design on every measure, within pairs of "
                + "groups that differ in it alone (van Elteren's stratified rank-sum test, exact permutation p).")
final class CompareCommand extends StudyCommand.Root implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Studies to group by --group-by (in addition to any --group).")
    List<String> names = new ArrayList<>();

    @Option(names = "--group", paramLabel = "LABEL=NAME,NAME,..",
            description = "A group: its label and its studies, for example het=het-s1,het-s2,het-s3.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--group-by", paramLabel = "KEY", defaultValue = "space",
            description = "How the NAMEs are grouped: space (by the name of their search space) or study (each its own group) (default: ${DEFAULT-VALUE}).")
    String groupBy;

    @Option(names = "--effect", paramLabel = "LABEL=WITH:WITHOUT,..",
            description = "A factor to test: its label and pairs of group labels, the group with the factor first, the pairs differing in nothing else, "
                    + "for example neurons=neurons-only:homogeneous,heterogeneous:stdp-only; repeatable.")
    List<String> effects = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the bootstrap (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", paramLabel = "F", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write compare.html and its figures (PNG, SVG) into DIR (replaced).")
    Path outDir;
    @Option(names = "--baseline", paramLabel = "FILE", description = "A supervised baseline's record (hrsnn baseline srnn --out FILE) to list after the groups "
            + "when it was obtained on the studies' task and data; repeatable (text and json output).")
    List<Path> baselineFiles = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) throw new Main.BadInputException("--format must be text or json, got '" + format + "'");
        if (!groupBy.equals("space") && !groupBy.equals("study")) throw new Main.BadInputException("--group-by must be space or study, got '" + groupBy + "'");
        Map<String, List<String>> named = new LinkedHashMap<>();
        for (String g : groups) {
            int eq = g.indexOf('=');
            if (eq < 1 || eq == g.length() - 1) throw new Main.BadInputException("--group must look like LABEL=NAME,NAME,.., got '" + g + "'");
            List<String> members = new ArrayList<>();
            for (String name : g.substring(eq + 1).split(",")) members.add(name.trim());
            if (named.put(g.substring(0, eq), members) != null) throw new Main.BadInputException("--group label '" + g.substring(0, eq) + "' given twice");
        }
        for (String name : names) {
            Study s = StudyCommand.open(url(), name);
            String label = groupBy.equals("study") ? name : s.config().space().path("name").asText(s.config().spaceSource());
            if (groups.stream().anyMatch(g -> g.startsWith(label + "=")))
                throw new Main.BadInputException("group '" + label + "' of study '" + name + "' is also given by --group");
            named.computeIfAbsent(label, k -> new ArrayList<>()).add(name);
        }
        if (outDir != null) {
            String refused = org.hrsnn.report.StudyReport.notReplaceable(outDir.toAbsolutePath().normalize(), "compare.html");
            if (refused != null) throw new Main.BadInputException("--out: " + refused);
        }
        if (named.size() < 2)
            throw new Main.BadInputException("give at least two groups (two --group options, or studies of two search spaces), got " + named.keySet());
        List<org.hrsnn.baseline.BaselineRecord> records = ReportCommand.baselines(baselineFiles);
        List<StudyComparison.Group> input = new ArrayList<>();
        org.hrsnn.study.StudyConfig config = null; // the first study's: the task and data the baselines must match
        for (var e : named.entrySet()) {
            List<List<Trial>> studies = new ArrayList<>();
            for (String name : e.getValue()) {
                Study s = StudyCommand.open(url(), name);
                if (config == null) config = s.config();
                studies.add(s.trials());
            }
            input.add(new StudyComparison.Group(e.getKey(), e.getValue(), studies));
        }
        List<StudyComparison.Effect> factors = new ArrayList<>();
        for (String e : effects) factors.add(effect(e, named.keySet()));
        StudyComparison c = StudyComparison.of(input, factors, seed);
        List<org.hrsnn.baseline.BaselineRecord> same = new ArrayList<>(), other = new ArrayList<>();
        for (var r : records)
            (r.sameData(config.task(), config.evaluation() == null ? null : config.evaluation().get("data")) ? same : other).add(r);
        java.io.PrintWriter out = out();
        Path html = outDir == null ? null : c.write(outDir, "hrsnn " + Main.version(), same, other);
        if (format.equals("json")) {
            Map<String, Object> tree = new LinkedHashMap<>(c.tree());
            if (!same.isEmpty()) tree.put("baselines", same.stream().map(org.hrsnn.baseline.BaselineRecord::json).toList());
            StudyOutput.tree(out, StudyOutput.Format.JSON, tree);
            return 0;
        }
        String first = named.keySet().iterator().next();
        for (var m : c.finals().entrySet()) {
            out.println(m.getKey() + ":");
            for (Comparison.Summary s : m.getValue()) {
                String test = Double.isNaN(s.p()) ? "" : String.format("  vs %s: U = %.1f, p = %.3g", first, s.u(), s.p());
                out.printf("  %-12s n=%d  median %.4g  95%% CI [%.4g, %.4g]  values %s%s%n", s.group(), s.values().length, s.median(), s.low(), s.high(),
                        java.util.Arrays.toString(java.util.Arrays.stream(s.values()).mapToObj(v -> String.format("%.4g", v)).toArray()), test);
            }
            for (StudyComparison.EffectTest t : c.effects().getOrDefault(m.getKey(), List.of()))
                out.printf("  factor %s (%s): shift %.4g (per pair %s), stratified rank test p = %.3g%s%n", t.effect().label(), t.effect().describe(),
                        t.test().shift(), java.util.Arrays.toString(java.util.Arrays.stream(t.test().shifts()).mapToObj(v -> String.format("%.4g", v)).toArray()),
                        t.test().p(), t.test().exact() ? "" : " (Monte Carlo)");
        }
        if (!same.isEmpty()) out.println("supervised baselines on the same task and data:");
        for (var b : same)
            out.printf("  %s: %s %.4g, S %.3g Hz, %.3g synaptic ops per sample, %d parameters, %d training samples, %.1f s%n", b.model(), b.metric(), b.value(),
                    b.rateHz(), b.synapticOps(), b.parameters(), b.trainSamples(), b.trainSeconds());
        for (var b : other) out.println("left out: the " + b.model() + " baseline was obtained on other data (task " + b.task() + ") than these studies");
        if (html != null) out.println("wrote " + html + " and its figures");
        out.flush();
        return 0;
    }

    /** Parses LABEL=WITH:WITHOUT,WITH:WITHOUT against the groups' labels. */
    static StudyComparison.Effect effect(String text, java.util.Set<String> labels) {
        int eq = text.indexOf('=');
        if (eq < 1 || eq == text.length() - 1)
            throw new Main.BadInputException("--effect must look like LABEL=WITH:WITHOUT,WITH:WITHOUT, got '" + text + "'");
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String pair : text.substring(eq + 1).split(",")) {
            String[] ab = pair.trim().split(":", -1);
            if (ab.length != 2 || ab[0].isBlank() || ab[1].isBlank())
                throw new Main.BadInputException("--effect '" + text.substring(0, eq) + "': each pair must be WITH:WITHOUT (two group labels), got '" + pair.trim() + "'");
            for (String label : ab)
                if (!labels.contains(label.trim()))
                    throw new Main.BadInputException("--effect '" + text.substring(0, eq) + "': '" + label.trim() + "' is not a group; the groups are " + labels);
            if (ab[0].trim().equals(ab[1].trim()))
                throw new Main.BadInputException("--effect '" + text.substring(0, eq) + "': a pair compares group '" + ab[0].trim() + "' with itself");
            for (var earlier : pairs)
                for (String label : ab)
                    if (earlier.getKey().equals(label.trim()) || earlier.getValue().equals(label.trim()))
                        throw new Main.BadInputException("--effect '" + text.substring(0, eq) + "': group '" + label.trim()
                                + "' is in two pairs; each pair is a stratum, and strata must not share studies");
            pairs.add(Map.entry(ab[0].trim(), ab[1].trim()));
        }
        return new StudyComparison.Effect(text.substring(0, eq), pairs);
    }
}
