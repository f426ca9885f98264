package org.hrsnn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hrsnn} command. Exit codes: 0 success, 1 failure while running, 2 bad input or usage. */
@Command(name = "hrsnn", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Design tool for heterogeneous recurrent spiking neural networks (HRSNN).",
        subcommands = {DemoCommand.class, StudyCommand.class, EvaluateCommand.class, SimulateCommand.class, DesignCommand.class, SpaceCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
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
            if (e instanceof BadInputException) {
                cmd.getErr().println("error: " + e.getMessage());
                return BAD_INPUT;
            }
            cmd.getErr().println("error: " + e);
            e.printStackTrace(cmd.getErr());
            return 1;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

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
