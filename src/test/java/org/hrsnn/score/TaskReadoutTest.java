package org.hrsnn.score;

import org.hrsnn.model.ReferenceNetworks;
import org.hrsnn.sim.Network;
import org.hrsnn.sim.Stimulus;
import org.hrsnn.sim.WindowStates;
import org.hrsnn.task.LabelledSeries;
import org.hrsnn.task.Series;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The exported readout, applied to states read as its description says, gives the evaluation's own score:
 * the export carries the readout the evaluation trained, not another one.
 */
class TaskReadoutTest {

    @Test
    void thePredictionReadoutReproducesTheEvaluationsNrmse() {
        var design = ReferenceNetworks.heterogeneousExample();
        Series series = TrialEvaluator.series("narma10", 3, 1, null);
        var s = TrialEvaluator.settingsFor(series);
        TaskReadout r = PredictionEvaluation.readout(design, 3, series, s);
        double expected = PredictionEvaluation.evaluate(design, 3, series, s).nrmse();

        Network net = r.network();
        net.reset();
        int n = series.u().length, trainEnd = s.washout() + (int) ((n - s.washout()) * s.trainFraction());
        double[][] u = new double[n][1];
        for (int t = 0; t < n; t++) u[t][0] = (series.u()[t] - r.inputOffset()[0]) * r.inputFactor()[0];
        int stepsPerValue = (int) Math.round(s.stepMs() / net.spec().dt());
        WindowStates w = new WindowStates(stepsPerValue, s.states());
        net.run(new Stimulus(u, stepsPerValue), w);
        double[][] x = w.rows();
        double mean = 0, se = 0, var = 0;
        for (int t = trainEnd; t < n; t++) mean += series.y()[t] / (n - trainEnd);
        for (int t = trainEnd; t < n; t++) {
            double e = r.apply(x[t])[0] - series.y()[t];
            se += e * e;
            var += (series.y()[t] - mean) * (series.y()[t] - mean);
        }
        assertEquals(expected, Math.sqrt(se / var), 1e-9);
        assertEquals(1, r.weight().length);
        assertEquals(x[0].length, r.weight()[0].length);
    }

    @Test
    void theClassificationReadoutReproducesTheEvaluationsAccuracy() throws Exception {
        LabelledSeries train = ClassificationEvaluationTest.read("BasicMotions_TRAIN"), test = ClassificationEvaluationTest.read("BasicMotions_TEST");
        var design = ReferenceNetworks.heterogeneousExample();
        var s = ClassificationEvaluation.Settings.DEFAULT;
        TaskReadout r = ClassificationEvaluation.readout(design, 1, train, s);
        double expected = ClassificationEvaluation.evaluate(design, 1, train, test, s).accuracy();
        assertEquals(train.classes(), r.outputs());

        Network net = r.network();
        int stepsPerValue = (int) Math.round(s.stepMs() / net.spec().dt());
        int right = 0;
        for (int i = 0; i < test.size(); i++) {
            double[][] raw = test.series().get(i), u = new double[raw.length][raw[0].length];
            for (int t = 0; t < raw.length; t++)
                for (int c = 0; c < raw[t].length; c++) u[t][c] = (raw[t][c] - r.inputOffset()[c]) * r.inputFactor()[c];
            WindowStates w = new WindowStates(ClassificationEvaluation.samplePoints(u.length * stepsPerValue, s.points()), s.states());
            net.reset();
            net.run(new Stimulus(u, stepsPerValue), w);
            double[][] rows = w.rows();
            double[] f = new double[rows.length * rows[0].length];
            for (int p = 0; p < rows.length; p++) System.arraycopy(rows[p], 0, f, p * rows[0].length, rows[0].length);
            double[] out = r.apply(f);
            int best = 0;
            for (int c = 1; c < out.length; c++) if (out[c] > out[best]) best = c;
            if (best == test.label(i)) right++;
        }
        assertEquals(expected, (double) right / test.size(), 1e-12);
    }
}
