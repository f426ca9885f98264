package org.hrsnn.score;

import org.hrsnn.model.ReferenceNetworks;
import org.hrsnn.task.LabelledSeries;
import org.hrsnn.task.ShippedData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ClassificationEvaluationTest {
    /** A split shipped in src/main/resources/datasets, e.g. "GunPoint_TRAIN". */
    static LabelledSeries read(String split) throws Exception {
        return ShippedData.series(split);
    }

    @Test
    void basicMotionsIsLearnedWellAboveChanceAndReproducibly() throws Exception {
        LabelledSeries train = read("BasicMotions_TRAIN"), test = read("BasicMotions_TEST");
        var a = ClassificationEvaluation.evaluate(ReferenceNetworks.heterogeneousExample(), 1, train, test, ClassificationEvaluation.Settings.DEFAULT);
        java.util.List<long[]> told = new java.util.ArrayList<>();
        var b = ClassificationEvaluation.evaluate(ReferenceNetworks.heterogeneousExample(), 1, train, test, ClassificationEvaluation.Settings.DEFAULT,
                (done, total) -> told.add(new long[] {done, total}));
        assertEquals(a.accuracy(), b.accuracy(), 0.0);
        // Progress counts every sample simulated: the STDP pass over the training split, then its features, then the test's.
        long expected = (ReferenceNetworks.heterogeneousExample().stdp().enabled() ? train.size() : 0) + train.size() + test.size();
        assertEquals(expected, told.size());
        for (int i = 0; i < told.size(); i++) assertArrayEquals(new long[] {i + 1, expected}, told.get(i));
        assertEquals(a.activity(), b.activity());
        // 4 balanced classes, 40 test samples: chance is 0.25; 0.5 has a binomial tail probability below 1e-3.
        assertTrue(a.accuracy() >= 0.5, "network accuracy " + a.accuracy());
        // Features: every neuron's state of each kind of the protocol at the end of each of the 5 segments.
        assertEquals(200 * 5 * MemoryProtocol.DEFAULT.states().size(), a.features());
        // The stacked readout's null (the network's rows shuffled against the samples) scores about as its first
        // stage, the raw readout it names: within 4 of the 40 test samples.
        var st = a.stacked();
        double first = st.firstStage().contains("every step") ? a.strongBaselineAccuracy() : a.baselineAccuracy();
        assertEquals(first, st.nullValue(), 0.1, "null " + st.nullValue() + " against its first stage " + st.firstStage() + " " + first);
        assertEquals(a.stacked(), b.stacked(), "seeded: the same stacked scores");
        assertTrue(st.value() >= 0 && st.value() <= 1);
    }

    @Test
    void theRawInputBaselineIsStrongOnJapaneseVowels() throws Exception {
        LabelledSeries train = read("JapaneseVowels_TRAIN"), test = read("JapaneseVowels_TEST");
        var scaling = InputScaling.of(train.series(), train.channels(), false);
        int k = 5;
        double acc = org.hrsnn.readout.RidgeClassifier.fit(ClassificationEvaluation.rawFeatures(train, scaling, k), train.labels(), 9)
                .accuracy(ClassificationEvaluation.rawFeatures(test, scaling, k), test.labels());
        // Linear classifiers on summary features reach about 95-99% on this set in the literature.
        assertTrue(acc > 0.93, "baseline accuracy " + acc);
    }

    @Test
    void samplePointsIncreaseAndEndAtTheLastStep() {
        assertArrayEquals(new int[] {19, 39, 59, 79, 99}, ClassificationEvaluation.samplePoints(100, 5));
        assertArrayEquals(new int[] {0, 1, 2}, ClassificationEvaluation.samplePoints(3, 3));
    }
}
