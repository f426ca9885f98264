package org.hrsnn.cli;

import org.hrsnn.opt.Parameter;
import org.hrsnn.study.SearchSpaceFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "space", mixinStandardHelpOptions = true, description = "Search-space files.",
        subcommands = {SpaceCommand.Check.class})
final class SpaceCommand {

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Validates a search-space file and lists its parameters.")
    static final class Check implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "Search-space file (YAML or JSON).")
        Path file;

        @Override
        public Integer call() {
            SearchSpaceFiles.Loaded s;
            String design = "";
            Path spaceFile = Main.shipped(file);
            try {
                s = SearchSpaceFiles.read(spaceFile);
                var tree = SearchSpaceFiles.tree(spaceFile);
                // The same checks as study create (its template, every path, the design at the bounds, its memory),
                // so that a space this command calls valid is one a study can be made from.
                var ds = org.hrsnn.problem.DesignSpace.of(spaceFile.toString(), org.hrsnn.problem.DesignSpace.inlineTemplate(spaceFile, tree), s.space());
                design = String.format("; template %s, homogeneous: %s; every path checked, the design is valid at the defaults and at each parameter's bounds"
                                + " and fits in memory with every parameter at its highest value",
                        tree.get("template").asText(), ds.homogeneous().name().toLowerCase(java.util.Locale.ROOT));
            } catch (SearchSpaceFiles.SpaceFileException e) {
                throw new Main.BadInputException(e.getMessage());
            }
            System.out.printf("%s: valid; '%s', %d parameters, %d searched%s%n", file, s.name(), s.space().parameters().size(), s.space().dimension(), design);
            System.out.printf("  %-22s %-12s %-34s %s%n", "name", "type", "range", "default");
            for (Parameter p : s.space().parameters()) {
                String type, range;
                if (p instanceof Parameter.Float f) {
                    type = f.log() ? "float (log)" : "float";
                    range = "[" + f.low() + ", " + f.high() + "]";
                } else if (p instanceof Parameter.Int i) {
                    type = i.log() ? "int (log)" : "int";
                    range = "[" + i.low() + ", " + i.high() + "]";
                } else if (p instanceof Parameter.Categorical c) {
                    type = "categorical";
                    range = c.choices().toString();
                } else {
                    type = "fixed";
                    range = String.valueOf(((Parameter.Fixed) p).value());
                }
                System.out.printf("  %-22s %-12s %-34s %s%n", p.name(), type, range, p.defaultValue() == null ? "-" : p.defaultValue());
            }
            return 0;
        }
    }
}
