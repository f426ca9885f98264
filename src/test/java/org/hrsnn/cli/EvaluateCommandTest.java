package org.hrsnn.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.*;

class EvaluateCommandTest {
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theShippedUeaProblemsAreNamedAndChecked() {
        Run r = run("evaluate", "--task", "uea", "--dataset", "Nope");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--dataset must be one of JapaneseVowels, GunPoint, BasicMotions, got 'Nope'"), r.err());
        r = run("evaluate", "--task", "uea", "--dataset", "GunPoint", "--train", "x.ts");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("not both"), r.err());
        r = run("evaluate", "--task", "uea");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--dataset NAME, or --train FILE and --test FILE"), r.err());
    }
}
