package org.hrsnn.cli;

import org.hrsnn.opt.gp.GpSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ShortBudgetWarningTest {
    @TempDir
    Path root;

    InProcess.Run create(String name, String... extra) {
        var a = new java.util.ArrayList<>(java.util.List.of("study", "create", name, "--space", "src/test/resources/spaces/small.yaml",
                "--task", "memory-capacity", "--root", root.toString()));
        a.addAll(java.util.List.of(extra));
        return InProcess.hrsnn(a.toArray(String[]::new));
    }

    @Test
    void aBudgetThatLeavesTheGpFewerThanTenProposalsIsFlagged() {
        // 4-D space: 12 trials, initial design min(5, 11, max(5, 6)) = 5, so the GP proposes 7
        InProcess.Run r = create("short", "--trials", "12");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("warning: 12 trials with 5 initial Sobol points leave the GP 7 proposals (fewer than 10)"), r.out());
        assertTrue(r.out().contains("raise --trials to at least 15"), r.out());

        r = create("explicit", "--trials", "12", "--initial", "4");
        assertTrue(r.out().contains("leave the GP 8 proposals") && r.out().contains("or lower --initial"), r.out());

        r = create("enough", "--trials", "15");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("warning"), r.out());
    }

    @ParameterizedTest
    @CsvSource({"32,30,11", "32,100,11", "32,1000,11", "21,8,5", "21,16,8", "6,100,7", "6,10,5", "10,100,11", "2,10,3", "25,20,10"})
    void theDefaultDesignIsOnePlusDUpToTenDimensionsAndElevenBeyond(int dim, int budget, int expected) {
        int init = GpSampler.initialPoints(dim, budget, -1);
        assertEquals(expected, init);
        assertTrue(init <= 1 + dim && init <= 11);
        assertTrue(init <= Math.max(5, budget / 2), "half of a short budget is left to the GP");
        assertEquals(Math.max(0, budget - init), GpSampler.modelProposals(dim, budget, -1));
        assertEquals(3, GpSampler.initialPoints(dim, budget, 3), "a configured design is kept");
    }
}
