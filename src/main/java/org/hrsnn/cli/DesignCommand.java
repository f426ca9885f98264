package org.hrsnn.cli;

import org.hrsnn.export.DesignFiles;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.sim.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "design", mixinStandardHelpOptions = true, description = "Writes and checks design files.",
        subcommands = {DesignCommand.Reference.class, DesignCommand.Check.class})
final class DesignCommand {

    @Command(name = "reference", mixinStandardHelpOptions = true, description = "Writes a built-in design as a JSON file.")
    static final class Reference implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "Built-in design: ${COMPLETION-CANDIDATES}.")
        DesignSource.Reference name;

        @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: standard output).")
        Path out;

        @Option(names = "--seed", description = "Seed to record in the design.")
        Long seed;

        @Option(names = "--homogeneous", description = "Write the homogeneous counterpart: every distribution replaced by a constant at its mean.")
        boolean homogeneous;

        @Override
        public Integer call() throws Exception {
            NetworkSpec spec = homogeneous ? DesignSource.builtIn(name).homogeneous() : DesignSource.builtIn(name);
            if (out == null) System.out.println(DesignFiles.mapper().writeValueAsString(DesignFiles.toJson(spec, seed)));
            else DesignFiles.write(out, spec, seed);
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Validates a design file and builds it once.")
    static final class Check implements Callable<Integer> {
        @Mixin
        DesignSource design;

        @Override
        public Integer call() {
            DesignFiles.Design d = design.load();
            Network net = Network.instantiate(d.network(), d.seed() == null ? 1 : d.seed());
            System.out.printf("%s: valid; %d neurons, %d synapses (%d plastic E-to-E), %d input line(s)%n", design.describe(),
                    net.size(), net.synapseCount(), d.network().stdp().enabled() ? net.excitatorySynapseCount() : 0,
                    d.network().input().lines());
            return 0;
        }
    }
}
