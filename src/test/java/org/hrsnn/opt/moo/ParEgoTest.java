package org.hrsnn.opt.moo;

import org.hrsnn.opt.ReferenceProblem;
import org.hrsnn.opt.Samplers;
import org.hrsnn.opt.SearchSpace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class ParEgoTest {
    @Test
    void augmentedChebyshevByHand() {
        assertEquals(Math.max(0.3 * 0.5, 0.7 * 0.2) + 0.05 * (0.3 * 0.5 + 0.7 * 0.2), ParEgo.scalarise(0.3, 0.5, 0.2), 1e-15);
        assertEquals(1 + 0.05, ParEgo.scalarise(1, 1, 0.9), 1e-15);
    }

    @Test
    void weightsComeFromTheElevenPointLatticeAndDependOnTheTrialOnly() {
        ParEgo a = new ParEgo(3, 5), b = new ParEgo(3, 5);
        Set<Double> seen = new HashSet<>();
        for (int t = 0; t < 200; t++) {
            double w = a.weight(t);
            assertEquals(w, b.weight(t), 0.0);
            assertEquals(Math.round(w * 10) / 10.0, w, 1e-15);
            seen.add(w);
        }
        assertEquals(11, seen.size(), "all of 0, 0.1, ..., 1 drawn in 200 trials: " + seen);
    }

    @Test
    void proposalsAreReproducibleAndInTheCube() {
        BiObjectiveProblem p = BiObjectiveProblem.zdt1(3);
        SearchSpace space = ReferenceProblem.embedded(ReferenceProblem.shiftedSphere(1), 3).space();
        List<double[]> x = new ArrayList<>(), f = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            double[] u = Samplers.sobolPoint(3, 2, t);
            x.add(u);
            f.add(p.f().apply(u));
        }
        f.set(2, null); // a failed evaluation
        double[] one = new ParEgo(4, 4).suggest(space, 8, x, f), two = new ParEgo(4, 4).suggest(space, 8, x, f);
        assertArrayEquals(one, two, 0.0);
        for (double u : one) assertTrue(u >= 0 && u <= 1);
    }

    @Test
    void onZdt1ItBeatsRandomSearchInHypervolumeForMostSeeds() {
        // 30 evaluations in 3-D; under "no better than random" P(>= 4 of 5 wins) = 19%, so this only
        // guards against a broken scalarisation (e.g. weights or scaling reversed), which loses every seed
        BiObjectiveProblem p = BiObjectiveProblem.zdt1(3);
        int wins = 0;
        for (long seed = 1; seed <= 5; seed++) {
            double parego = Hypervolume.of(org.hrsnn.bench.OptimizerBenchmarkAccess.run(p, "parego", 30, seed), p.reference());
            double random = Hypervolume.of(org.hrsnn.bench.OptimizerBenchmarkAccess.run(p, "random", 30, seed), p.reference());
            if (parego > random) wins++;
        }
        assertTrue(wins >= 4, wins + " of 5");
    }
}
