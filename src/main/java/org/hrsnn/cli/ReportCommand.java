package org.hrsnn.cli;

import org.hrsnn.problem.HrsnnProblem;
import org.hrsnn.report.Charts;
import org.hrsnn.report.StudyReport;
import org.hrsnn.study.Study;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        header = "Writes a study's report: report.html and its figures (PNG, SVG).",
        description = "Writes a self-contained report.html (figures embedded, no script, no network needed) and the figures as PNG "
                + "(and SVG): optimisation history of E and of the task metric with the non-spiking baseline, the (E, task) Pareto "
                + "front, parallel coordinates and slice plots of the parameters, parameter importance, the best designs' memory "
                + "curves, rasters, rates and sampled distributions beside the homogeneous values, a timeline of trials per worker, "
                + "the settings, provenance and all trials.")
final class ReportCommand extends StudyCommand.Root implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = StudyCommand.STUDY_NAME) String name;
    @Option(names = "--out", paramLabel = "DIR", description = "Output folder, replaced when it holds a report (default: STUDY/report).") Path out;
    @Option(names = "--baseline", paramLabel = "FILE", description = "A supervised baseline's record (hrsnn baseline srnn --out FILE) to show beside the best designs; repeatable. Records on other data are left out with a note.")
    java.util.List<Path> baselines = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Study s = StudyCommand.open(url(), name);
        HrsnnProblem problem; // builds the best designs again
        try {
            problem = HrsnnProblem.of(s.config());
        } catch (org.hrsnn.study.StudyException e) {
            problem = null; // an old study: everything but the designs is drawn, and the report says why
        }
        Path dir = out != null ? out : s.folder() != null ? s.folder().resolve("report") : Path.of(s.config().name() + "-report");
        String refused = StudyReport.notReplaceable(dir.toAbsolutePath().normalize(), "report.html");
        if (refused != null) throw new Main.BadInputException("--out: " + refused);
        StudyReport.Result r = StudyReport.write(s, problem, dir, "hrsnn " + Main.version(), baselines(baselines));
        PrintWriter w = out();
        for (Charts.Figure f : r.figures()) w.println("wrote " + r.folder().resolve(f.png()) + (f.svg() == null ? "" : " and " + f.svg()));
        for (String n : r.notes()) w.println("note: " + n);
        w.println("report: " + r.html());
        w.flush();
        return 0;
    }

    /** The records of {@code --baseline FILE} options (also for compare); a missing or malformed file is bad input. */
    static java.util.List<org.hrsnn.baseline.BaselineRecord> baselines(java.util.List<Path> files) {
        java.util.List<org.hrsnn.baseline.BaselineRecord> records = new java.util.ArrayList<>();
        for (Path b : files) {
            try {
                records.add(org.hrsnn.baseline.BaselineRecord.read(b));
            } catch (java.nio.file.NoSuchFileException e) {
                throw new Main.BadInputException("--baseline " + b + ": no such file");
            } catch (java.io.IOException e) {
                throw new Main.BadInputException("--baseline " + e.getMessage());
            }
        }
        return records;
    }
}
