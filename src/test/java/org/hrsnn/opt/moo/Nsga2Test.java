package org.hrsnn.opt.moo;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class Nsga2Test {
    @Test
    void runsExactlyTheBudgetReproduciblyAndImprovesOnItsFirstGeneration() {
        BiObjectiveProblem p = BiObjectiveProblem.zdt1(4);
        List<double[]> a = Nsga2.run(p, 200, 7), b = Nsga2.run(p, 200, 7);
        assertEquals(200, a.size());
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i), b.get(i), 0.0, "evaluation " + i);
        // the first 20 evaluations are the random initial population; selection must do better than it
        assertTrue(Hypervolume.of(a, p.reference()) > Hypervolume.of(a.subList(0, 20), p.reference()));
        assertNotEquals(Hypervolume.of(Nsga2.run(p, 200, 8), p.reference()), Hypervolume.of(a, p.reference()), "the seed matters");
    }
}
