package org.hrsnn.problem;

import org.hrsnn.model.Distribution;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.model.Noise;
import org.hrsnn.opt.SearchSpace;
import org.hrsnn.random.Seeds;
import org.hrsnn.study.SearchSpaceFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class DesignSpaceTest {
    @TempDir
    Path dir;

    static DesignSpace load(Path file) throws Exception {
        var tree = DesignSpace.inlineTemplate(file, SearchSpaceFiles.tree(file));
        SearchSpace s = SearchSpaceFiles.fromTree(file.toString(), tree, "x").space();
        return DesignSpace.of(file.toString(), tree, s);
    }

    /** Every shipped space gives valid designs at seeded random points, and its parameters land where they say. */
    @ParameterizedTest
    @ValueSource(strings = {"hrsnn-heterogeneous.yaml", "hrsnn-homogeneous.yaml", "hrsnn-neurons-only.yaml", "hrsnn-stdp-only.yaml"})
    void shippedSpacesGiveValidDesignsEverywhere(String file) throws Exception {
        DesignSpace ds = load(Path.of("search-spaces", file));
        var rng = Seeds.rng(file.length());
        for (int k = 0; k < 50; k++) {
            double[] u = new double[ds.space().dimension()];
            for (int i = 0; i < u.length; i++) u[i] = rng.nextDouble();
            Map<String, Object> v = ds.space().fromUnit(u);
            NetworkSpec spec = ds.design(v); // the model validates every field here
            long n = ((Number) v.get("n_neurons")).longValue();
            assertEquals(n, spec.size(), 1, "sizes 80:20 of n_neurons");
            assertEquals((double) v.get("tau_m_e_mean"), spec.excitatory().neuron().tauMembrane().mean(), 1e-9);
            assertEquals(2 * (double) v.get("w_ee"), spec.stdp().wMax(), 1e-9, "wMax = 2 w_ee");
            assertEquals((double) v.get("a_minus_ratio") * (double) v.get("a_plus_mean"), spec.stdp().aMinus().mean(), 1e-12);
            assertEquals(new Noise.Gaussian((double) v.get("noise")), spec.excitatory().neuron().noise());
            assertEquals(Boolean.parseBoolean((String) v.get("input_sign")), spec.input().randomSign());
        }
    }

    @Test
    void homogeneityFlagsReplaceTheRightDistributionsByTheirMeans() throws Exception {
        Map<String, NetworkSpec> at = new LinkedHashMap<>();
        for (String f : new String[] {"hrsnn-heterogeneous.yaml", "hrsnn-homogeneous.yaml", "hrsnn-neurons-only.yaml", "hrsnn-stdp-only.yaml"}) {
            DesignSpace ds = load(Path.of("search-spaces", f));
            at.put(f, ds.design(ds.space().defaultValues()));
        }
        NetworkSpec het = at.get("hrsnn-heterogeneous.yaml");
        assertInstanceOf(Distribution.Gamma.class, het.excitatory().neuron().tauMembrane());
        assertInstanceOf(Distribution.LogNormal.class, het.stdp().aPlus());
        assertEquals(het.homogeneous(), at.get("hrsnn-homogeneous.yaml"));
        NetworkSpec neurons = at.get("hrsnn-neurons-only.yaml");
        assertInstanceOf(Distribution.Gamma.class, neurons.excitatory().neuron().tauMembrane());
        assertEquals(het.stdp().homogeneous(), neurons.stdp());
        NetworkSpec stdp = at.get("hrsnn-stdp-only.yaml");
        assertEquals(Distribution.constant(20), stdp.excitatory().neuron().tauMembrane());
        assertEquals(het.stdp(), stdp.stdp());
    }

    Path space(String parameters) throws Exception {
        Files.copy(Path.of("search-spaces", "designs", "reservoir.json"), dir.resolve("t.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "format: hrsnn-search-space\nversion: 2\ntemplate: t.json\nparameters:\n" + parameters);
        return f;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{name: x, type: float, low: 1, high: 2, path: network.excitatory.neuron.tauMembrane.meen} | no such field | 'network.excitatory.neuron.tauMembrane' has [type, mean, shape]",
            "{name: x, type: float, low: 1, high: 2, path: network.excitatory.neuron} | names a whole object | tauMembrane",
            "{name: x, type: float, low: 1, high: 2, path: network.excitatory.size} | whole number | int parameter",
            "{name: x, type: categorical, choices: [a, b], path: network.dt} | holds a number | categorical",
            "{name: x, type: float, low: 1, high: 2, path: network.input.randomSign} | true or false | choices [true, false]",
            "{name: x, type: float, low: 1, high: 2} | needs 'path' | network.excitatory",
            "{name: x, type: float, low: 1, high: 2, paths: [{path: network.dt, times: y}]} | 'times' | another numeric parameter",
            "{name: x, type: float, low: -70, high: -40, path: network.excitatory.neuron.threshold.value} | lowest value | must only produce values > reset",
            "{name: x, type: float, low: 0.1, high: 2, default: 0.5, path: network.recurrent.ee.probability} | highest value | network.recurrent.ee.probability",
            "{name: x, type: float, low: 1, high: 20000, path: network.recurrent.ee.probability} | defaults | must be in [0, 1]",
    })
    void badPathsAndRangesNameTheFileTheParameterAndThePath(String parameter, String problem, String detail) throws Exception {
        Path f = space("  - " + parameter + "\n");
        var e = assertThrows(SearchSpaceFiles.SpaceFileException.class, () -> load(f));
        String m = e.getMessage();
        assertTrue(m.startsWith(f.toString()) && m.contains("parameter 'x'") && m.contains(problem) && m.contains(detail), m);
    }

    @Test
    void aTemplateThatIsNotADesignIsRefused() throws Exception {
        Files.writeString(dir.resolve("t.json"), "{\"format\": \"hrsnn-design\", \"version\": 2, \"network\": {}}");
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "format: hrsnn-search-space\nversion: 2\ntemplate: t.json\nparameters:\n  - {name: x, type: float, low: 1, high: 2, path: network.dt}\n");
        var m = assertThrows(SearchSpaceFiles.SpaceFileException.class, () -> load(f)).getMessage();
        assertTrue(m.contains("template") && m.contains("network.excitatory"), m);
        Files.writeString(f, "format: hrsnn-search-space\nversion: 2\ntemplate: missing.json\nparameters:\n  - {name: x, type: float, low: 1, high: 2, path: network.dt}\n");
        m = assertThrows(SearchSpaceFiles.SpaceFileException.class, () -> load(f)).getMessage();
        assertTrue(m.contains("missing.json"), m);
    }
}
