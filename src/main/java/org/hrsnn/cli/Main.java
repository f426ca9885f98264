package org.hrsnn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hrsnn} command. Exit codes: 0 success, 1 failure while running, 2 bad input or usage. */
@Command(name = "hrsnn", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Design tool for heterogeneous recurrent spiking neural networks (HRSNN).",
        subcommands = {DemoCommand.class, StudyCommand.class, EvaluateCommand.class, BaselineCommand.class, SimulateCommand.class, DesignCommand.class, NirCommand.Export.class, NirCommand.Import.class, SpaceCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            Failure f = Failure.of(e);
            cmd.getErr().println("error: " + f.message());
            if (f.code() != BAD_INPUT && System.getenv("HRSNN_DEBUG") != null) e.printStackTrace(cmd.getErr());
            cmd.getErr().flush();
            return f.code();
        });
        // A bad option or value: one line and where to read more, not the whole usage.
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("error: " + oneLine(e.getMessage()) + " (see: " + cmd.getCommandSpec().qualifiedName() + " --help)");
            cmd.getErr().flush();
            return BAD_INPUT;
        });
        return cl;
    }

    /** What the user is told about an exception that ended a command, and the exit code. */
    record Failure(int code, String message) {
        static Failure of(Throwable e) {
            if (e instanceof BadInputException) return new Failure(BAD_INPUT, oneLine(e.getMessage()));
            if (e instanceof org.hrsnn.study.Journal.CorruptJournalException) // a damaged file: the user must repair or restore it
                return new Failure(BAD_INPUT, oneLine(e.getMessage()) + " (repair or restore the journal; nothing was changed)");
            if (e instanceof org.hrsnn.sim.MemoryEstimate.TooLargeException) return new Failure(BAD_INPUT, oneLine(e.getMessage()));
            if (e instanceof java.io.IOException io) return new Failure(1, oneLine(org.hrsnn.export.FileProblems.describe(io)));
            if (e instanceof OutOfMemoryError) return new Failure(1, "out of memory (Java heap of " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB; give Java more with -Xmx, as in HRSNN_JAVA_OPTS=-Xmx8g)");
            return new Failure(1, "internal error: " + oneLine(String.valueOf(e)) + " (set HRSNN_DEBUG=1 for the stack trace, and please report it)");
        }
    }

    /** A message on one line. */
    static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The installation folder: the one holding {@code search-spaces/} (the jar's folder's parent when run
     * as target/hrsnn.jar, or the {@code hrsnn.home} system property the launcher sets).
     */
    static java.nio.file.Path home() {
        String h = System.getProperty("hrsnn.home");
        if (h != null) return java.nio.file.Path.of(h);
        try {
            java.nio.file.Path code = java.nio.file.Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toAbsolutePath().getParent().getParent(); // target/hrsnn.jar or target/classes
        } catch (Exception e) {
            return java.nio.file.Path.of("").toAbsolutePath();
        }
    }

    /**
     * A file named on the command line: as given when it exists, else (for a relative path such as
     * search-spaces/hrsnn-heterogeneous.yaml) the shipped one under the installation folder.
     */
    static java.nio.file.Path shipped(java.nio.file.Path p) {
        return shipped(p, java.nio.file.Path.of(""));
    }

    /** {@link #shipped(java.nio.file.Path)} as seen from {@code workingDirectory}. */
    static java.nio.file.Path shipped(java.nio.file.Path p, java.nio.file.Path workingDirectory) {
        if (p == null || p.isAbsolute()) return p;
        if (java.nio.file.Files.exists(workingDirectory.resolve(p))) return workingDirectory.resolve(p);
        java.nio.file.Path installed = home().resolve(p);
        return java.nio.file.Files.exists(installed) ? installed : p;
    }

    /** Default studies folder: $HRSNN_STUDIES, else ./studies. */
    static final String STUDIES_DEFAULT = "${env:HRSNN_STUDIES:-studies}";

    /** Tool version from the jar manifest (or "development" when run from classes). */
    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"hrsnn " + version()};
        }
    }

    /** Input the user can correct: reported without a stack trace, exit code 2. */
    static final class BadInputException extends RuntimeException {
        BadInputException(String message) {
            super(message);
        }
    }
}
