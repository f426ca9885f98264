package org.hrsnn.task;

import java.util.List;

/**
 * A labelled set of multichannel time series: {@code series.get(i)[t][c]} is channel c at time t of
 * sample i, and {@code labels[i]} indexes {@code classes}. Lengths may differ between samples.
 */
public record LabelledSeries(String name, List<double[][]> series, int[] labels, List<String> classes, int channels) {
    public LabelledSeries {
        series = List.copyOf(series);
        classes = List.copyOf(classes);
        if (series.size() != labels.length) throw new IllegalArgumentException("one label per series");
        labels = labels.clone();
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
