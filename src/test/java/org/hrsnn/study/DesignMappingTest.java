package org.hrsnn.study;

import org.hrsnn.model.Distribution;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.opt.Parameter;
import org.hrsnn.random.Seeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class DesignMappingTest {
    static SearchSpaceFiles.Loaded space(String name) throws Exception {
        return SearchSpaceFiles.read(Path.of("search-spaces", name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hrsnn-heterogeneous.yaml", "hrsnn-homogeneous.yaml"})
    void everyPointOfTheShippedSpacesIsAValidDesign(String file) throws Exception {
        var s = space(file).space();
        assertEquals(java.util.Set.of(), DesignMapping.unknown(s.parameters().stream().map(Parameter::name).toList()));
        var rng = Seeds.rng(1);
        for (int k = 0; k < 300; k++) {
            double[] u = new double[s.dimension()];
            for (int d = 0; d < u.length; d++) u[d] = k == 0 ? 0 : k == 1 ? 1 : rng.nextDouble();
            NetworkSpec spec = DesignMapping.toSpec(s.fromUnit(u)); // the model's validation runs here
            assertEquals(200, spec.size());
        }
    }

    @Test
    void theHomogeneousSpaceGivesIdenticalNeuronsAndSynapses() throws Exception {
        var s = space("hrsnn-homogeneous.yaml").space();
        NetworkSpec spec = DesignMapping.toSpec(s.defaultValues());
        assertInstanceOf(Distribution.Constant.class, spec.excitatory().neuron().tauMembrane());
        assertInstanceOf(Distribution.Constant.class, spec.stdp().aPlus());
        assertInstanceOf(Distribution.Constant.class, spec.stdp().tauMinus());
        assertEquals(20.0, spec.excitatory().neuron().tauMembrane().mean(), 1e-9);
        NetworkSpec het = DesignMapping.toSpec(space("hrsnn-heterogeneous.yaml").space().defaultValues());
        assertEquals(Distribution.gamma(20, 3), het.excitatory().neuron().tauMembrane());
        assertEquals(het.homogeneous().excitatory(), spec.excitatory(), "the baseline at the defaults is the heterogeneous design's homogeneous counterpart");
        assertEquals(0.0105, spec.stdp().aMinus().mean(), 1e-12);
        assertEquals(4.0, spec.stdp().wMax(), 1e-12);
    }

    @Test
    void unknownParametersAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> DesignMapping.toSpec(Map.of("tau_m_e_meen", 20.0)));
        assertTrue(e.getMessage().contains("tau_m_e_meen"), e.getMessage());
    }
}
