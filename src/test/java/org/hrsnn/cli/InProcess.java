package org.hrsnn.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code hrsnn} commands in the test's JVM and captures what they print and their exit code. */
public final class InProcess {
    private InProcess() {}

    public record Run(int code, String out, String err) {}

    public static Run hrsnn(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** {@code hrsnn study ARGS --root ROOT}. */
    public static Run study(java.nio.file.Path root, String... args) {
        String[] a = new String[args.length + 3];
        a[0] = "study";
        System.arraycopy(args, 0, a, 1, args.length);
        a[args.length + 1] = "--root";
        a[args.length + 2] = root.toString();
        return hrsnn(a);
    }
}
