package org.hrsnn.cli;

import org.hrsnn.problem.HrsnnStudies;
import org.hrsnn.score.MemoryProtocol;
import org.hrsnn.study.Objective;
import org.hrsnn.study.Study;
import org.hrsnn.study.StudyException;
import org.hrsnn.study.StudyRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Runs the default study end to end.",
        description = "Creates (or resumes) the study studies/demo with the heterogeneous HRSNN space on JapaneseVowels "
                + "(E first, then accuracy), runs it, prints the best designs, exports them and says where they are.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--root", defaultValue = Main.STUDIES_DEFAULT, description = "Folder of studies (default: $HRSNN_STUDIES, else ./studies; now ${DEFAULT-VALUE}).")
    Path root;

    @Option(names = "--space", defaultValue = "search-spaces/hrsnn-heterogeneous.yaml", description = "Search space (default: ${DEFAULT-VALUE}).")
    Path space;

    @Option(names = "--name", defaultValue = "demo", description = "Study name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--trials", defaultValue = "30", description = "Budget (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--workers", defaultValue = "1", description = "Parallel trials (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--trial-threads", paramLabel = "N", description = StudyCommand.TRIAL_THREADS)
    Integer trialThreads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (workers < 1 || workers > 256) throw new Main.BadInputException("--workers must be from 1 to 256, got " + workers);
        int threads = StudyCommand.trialThreads(trialThreads, workers);
        PrintWriter out = spec.commandLine().getOut();
        Study s;
        if (Files.exists(root.resolve(name).resolve(Study.CONFIG))) {
            s = StudyCommand.open(org.hrsnn.study.StorageUrl.journal(root), name);
            out.println("resuming study '" + name + "' in " + s.folder());
        } else {
            try {
                s = HrsnnStudies.create(org.hrsnn.study.StorageUrl.journal(root), new HrsnnStudies.Request(name, Main.shipped(space), "japanese-vowels", Objective.E_THEN_TASK, 1, trials, -1, true,
                        MemoryProtocol.DEFAULT, "hrsnn " + Main.version()));
            } catch (StudyException e) {
                throw new Main.BadInputException(e.getMessage());
            }
            out.printf("created study '%s' in %s: %d-D space %s, JapaneseVowels, objective e-then-task, %d trials%n", name, s.folder(),
                    s.space().dimension(), space, trials);
        }
        out.flush();
        var problem = StudyCommand.problem(s).withTrialThreads(threads);
        StudyCommand.loadData(problem);
        new StudyRunner(s, problem).run(null, workers, (t, all, budget, pace) -> StudyCommand.progress(out, t, all, budget, pace));
        CommandLine cl = Main.commandLine();
        cl.setOut(out);
        cl.setErr(spec.commandLine().getErr());
        cl.execute("study", "best", name, "--root", root.toString(), "--top", "3");
        cl.execute("study", "export", name, "--root", root.toString());
        out.println("study folder: " + s.folder().toAbsolutePath() + " (study.json, journal.jsonl, export/)");
        String where = StudyCommand.shell(name) + StudyCommand.rootArg(root);
        out.println("more: hrsnn study status " + where + " | hrsnn study trials " + where + " | hrsnn study --help");
        out.flush();
        return 0;
    }
}
