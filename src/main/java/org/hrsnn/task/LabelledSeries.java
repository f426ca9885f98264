package org.hrsnn.task;

import java.util.List;

/**
 * A labelled set of multichannel time series: {@code series.get(i)[t][c]} is channel c at time t of
 * sample i, and {@code labels[i]} indexes {@code classes}. Lengths may differ between samples. Every
 * value is finite (missing values are imputed by the reader, see {@link TsFormat}), so no NaN can reach
 * a readout.
 */
public record LabelledSeries(String name, List<double[][]> series, int[] labels, List<String> classes, int channels) {
    public LabelledSeries {
        series = List.copyOf(series);
        classes = List.copyOf(classes);
        if (series.size() != labels.length) throw new IllegalArgumentException("one label per series");
        labels = labels.clone();
        for (int i = 0; i < series.size(); i++) {
            double[][] s = series.get(i);
            for (int t = 0; t < s.length; t++) {
                if (s[t].length != channels)
                    throw new IllegalArgumentException(name + ": sample " + (i + 1) + " has " + s[t].length + " channel(s) at time " + (t + 1) + ", expected " + channels);
                for (int c = 0; c < channels; c++)
                    if (!Double.isFinite(s[t][c]))
                        throw new IllegalArgumentException(name + ": sample " + (i + 1) + " has a non-finite value (" + s[t][c] + ") at time " + (t + 1) + ", channel " + (c + 1));
            }
            if (labels[i] < 0 || labels[i] >= classes.size())
                throw new IllegalArgumentException(name + ": sample " + (i + 1) + " has label " + labels[i] + ", there are " + classes.size() + " classes");
        }
    }

    public int size() {
        return series.size();
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    public int label(int i) {
        return labels[i];
    }
}
