package org.hrsnn.sim;

import org.hrsnn.model.Encoding;
import org.hrsnn.model.InputSpec;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.model.ReferenceNetworks;
import org.hrsnn.score.MemoryEvaluation;
import org.hrsnn.score.MemoryProtocol;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class AdoptWeightsTest {

    private static NetworkSpec delayed() {
        NetworkSpec base = ReferenceNetworks.heterogeneousExample();
        InputSpec in = base.input();
        return base.withInput(new InputSpec(1, new Encoding.Analog(40), in.toExcitatory(), in.toInhibitory(), in.randomSign()));
    }

    private static long[] counts(Network net, double[][] u) {
        long[] c = new long[net.size()];
        net.setPlastic(false);
        net.reset();
        net.run(new Stimulus(u, 1), (view, step) -> {
            for (int k = 0; k < view.spikeCount(); k++) c[view.spike(k)]++;
        });
        return c;
    }

    @Test
    void anUntrainedTwinThatAdoptsTheTrainedWeightsSpikesExactlyAsTheTrainedNetwork() {
        MemoryProtocol p = new MemoryProtocol(200, 10, 200, 0.65, 5, 10, MemoryProtocol.DEFAULT.states(), 0);
        Network trained = MemoryEvaluation.trained(delayed(), 3, p);
        Network twin = Network.instantiate(trained.spec(), 3);
        double[][] u = new double[5000][1];
        var rng = org.hrsnn.random.Seeds.rng(9);
        for (int k = 0; k < u.length; k++) u[k][0] = (k / 40) % 2 == 0 ? rng.nextDouble() : 0;
        assertFalse(Arrays.equals(counts(trained, u), counts(twin, u)), "STDP changed the network, or this test checks nothing");
        twin.adoptWeights(trained.arrays());
        long[] a = counts(trained, u), b = counts(twin, u);
        assertArrayEquals(a, b);
        assertTrue(Arrays.stream(a).sum() > 500, "spikes: " + Arrays.stream(a).sum());
    }

    @Test
    void atAnotherStepTheInputDelaysAreConvertedAndOtherNetworksAreRefused() {
        MemoryProtocol p = new MemoryProtocol(100, 10, 200, 0.65, 5, 10, MemoryProtocol.DEFAULT.states(), 0);
        Network trained = MemoryEvaluation.trained(delayed(), 3, p);
        NetworkArrays a = trained.arrays();
        Network fine = Network.instantiate(trained.spec().withDt(a.dt() / 2), 3);
        fine.adoptWeights(a);
        NetworkArrays f = fine.arrays();
        for (int k = 0; k < a.inE().size(); k++) assertEquals(2 * a.inE().delays()[k], f.inE().delays()[k]);
        assertArrayEquals(a.ee().weight(), f.ee().weight());
        Network other = Network.instantiate(trained.spec(), 4);
        assertThrows(IllegalArgumentException.class, () -> other.adoptWeights(a));
    }
}
