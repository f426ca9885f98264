package org.hrsnn.task;

import org.hrsnn.random.Seeds;

import java.util.ArrayList;
import java.util.List;

/** Smaller training sets for learning curves. */
public final class Subsets {
    private Subsets() {}

    /**
     * The seed of {@link #stratified(LabelledSeries, double)}: one fixed seed, so that every model compared on
     * a fraction of the data (an HRSNN design, the SRNN baseline) is trained on the same samples.
     */
    public static final long SEED = 1;

    /** {@link #stratified(LabelledSeries, double, long)} with {@link #SEED}. */
    public static LabelledSeries stratified(LabelledSeries d, double fraction) {
        return stratified(d, fraction, SEED);
    }

    /**
     * A seeded, stratified fraction of {@code d}: from each class, round(fraction x its count) samples (at least
     * one) drawn without replacement, kept in their original order. {@code fraction} 1 returns {@code d}.
     */
    public static LabelledSeries stratified(LabelledSeries d, double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) throw new IllegalArgumentException("--train-fraction must be in (0, 1], got " + fraction);
        if (fraction == 1) return d;
        var rng = Seeds.rng(seed, "task.subset");
        boolean[] keep = new boolean[d.size()];
        for (int c = 0; c < d.classes().size(); c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < d.size(); i++) if (d.label(i) == c) members.add(i);
            int take = Math.min(members.size(), Math.max(1, (int) Math.round(fraction * members.size())));
            for (int k = 0; k < take; k++) { // partial Fisher-Yates
                int pick = k + rng.nextInt(members.size() - k);
                java.util.Collections.swap(members, k, pick);
                keep[members.get(k)] = true;
            }
        }
        List<double[][]> series = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < d.size(); i++)
            if (keep[i]) {
                series.add(d.series().get(i));
                labels.add(d.label(i));
            }
        return new LabelledSeries(d.name(), series, labels.stream().mapToInt(Integer::intValue).toArray(), d.classes(), d.channels());
    }
}
