package org.hrsnn.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** {@code --help} of every command and subcommand, run in-process. */
class HelpTextTest {
    /** Every command path below {@code hrsnn}, e.g. [], [study], [study, create]. */
    static List<List<String>> paths(CommandLine cl, List<String> prefix) {
        List<List<String>> all = new ArrayList<>();
        all.add(prefix);
        cl.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().name().equals(name)) return; // an alias
            List<String> p = new ArrayList<>(prefix);
            p.add(name);
            all.addAll(paths(sub, p));
        });
        return all;
    }

    static CommandSpec spec(List<String> path) {
        CommandLine cl = Main.commandLine();
        for (String s : path) cl = cl.getSubcommands().get(s);
        return cl.getCommandSpec();
    }

    static String help(List<String> path) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        // picocli's own warnings (a description it cannot format, say) go to System.err, not to cl's err
        java.io.PrintStream systemErr = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new java.io.PrintStream(warnings, true));
            code = cl.execute(args.toArray(String[]::new));
        } finally {
            System.setErr(systemErr);
        }
        assertEquals(0, code, "hrsnn " + String.join(" ", args) + ": " + err);
        assertEquals("", err.toString(), "hrsnn " + String.join(" ", args));
        assertEquals("", warnings.toString(), "hrsnn " + String.join(" ", args));
        return out.toString();
    }

    /** The entries of the "Commands:" list: name to its summary, continuation lines joined. */
    static Map<String, String> summaries(String help) {
        Map<String, String> m = new LinkedHashMap<>();
        String current = null;
        boolean in = false;
        for (String line : help.split("\\R")) {
            if (line.equals("Commands:")) { in = true; continue; }
            if (!in) continue;
            if (line.isBlank() || !line.startsWith("  ")) break;
            if (line.startsWith("  ") && !line.startsWith("   ")) {
                String[] w = line.strip().split("\\s+", 2);
                current = w[0];
                m.put(current, w.length > 1 ? w[1] : "");
            } else {
                m.put(current, m.get(current) + " " + line.strip());
            }
        }
        return m;
    }

    @Test
    void everyCommandHasCompleteHelp() {
        List<List<String>> paths = paths(Main.commandLine(), List.of());
        assertTrue(paths.size() > 15, "found " + paths);
        List<String> problems = new ArrayList<>();
        for (List<String> path : paths) {
            String where = "hrsnn " + String.join(" ", path) + " --help";
            String help = help(path);
            String[] lines = help.split("\\R");
            for (PositionalParamSpec p : spec(path).positionalParameters()) {
                String label = p.paramLabel();
                boolean described = false, listed = false;
                for (String line : lines) {
                    String t = line.strip();
                    for (String shown : new String[] {label, "[" + label + "]", "[" + label + "...]", label + "..."})
                        if (line.startsWith(" ") && (t.equals(shown) || t.startsWith(shown + " "))) {
                            listed = true;
                            described = !t.substring(shown.length()).isBlank();
                        }
                }
                if (!listed) problems.add(where + ": positional parameter " + label + " is not listed");
                else if (!described) problems.add(where + ": positional parameter " + label + " has no description");
            }
            Map<String, String> summaries = summaries(help);
            if (!spec(path).subcommands().isEmpty() && summaries.isEmpty()) problems.add(where + ": no Commands: list");
            for (var e : summaries.entrySet()) {
                String s = e.getValue().strip();
                if (s.isEmpty() || s.endsWith(",") || !(s.endsWith(".") || s.endsWith(")")))
                    problems.add(where + ": the summary of '" + e.getKey() + "' is cut: '" + s + "'");
            }
            for (String line : lines)
                if (line.matches("^ {2}\\S.*") && summaries.containsKey(line.strip().split("\\s+")[0]) && line.strip().endsWith(","))
                    problems.add(where + ": a summary line ends with a comma: '" + line + "'");
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
