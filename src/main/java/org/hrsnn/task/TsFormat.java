package org.hrsnn.task;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Parser of the UEA/UCR time-series classification format ({@code .ts}): comment lines starting with
 * '#' or '%' (anywhere), '@' header lines ({@code @problemName}, {@code @univariate},
 * {@code @dimensions}, {@code @equalLength}, {@code @seriesLength}, {@code @classLabel true c1 c2 ...},
 * {@code @missing}, {@code @timeStamps}, {@code @targetLabel}), then {@code @data} and one sample a
 * line: channels separated by ':', values by ',', the class label last. Every problem is reported with
 * the source name and line number.
 *
 * <p>Samples may differ in length ({@code @equalLength false}); they are kept as they are. Missing
 * values ('?' or NaN, allowed by {@code @missing true}) are imputed per sample and channel: linearly in
 * time between the nearest known values, and with the nearest known value before the first and after the
 * last. A channel with no known value in a sample is an error, as are infinite values and values beyond
 * +-1e15. Regression files
 * ({@code @targetLabel true}) are refused. What is returned holds finite numbers only.
 */
public final class TsFormat {
    /** A malformed file. */
    public static final class FormatException extends Exception {
        public FormatException(String source, int line, String problem) {
            super(source + (line > 0 ? ":" + line : "") + ": " + problem);
        }
    }

    private TsFormat() {}

    /** Largest magnitude of a value (see the error message where it is checked). */
    static final double MAX_ABS = 1e15;

    public static LabelledSeries parse(String source, Reader reader) throws IOException, FormatException {
        BufferedReader in = new BufferedReader(reader);
        String name = source;
        Integer dimensions = null, seriesLength = null;
        boolean equalLength = false, data = false, missingAllowed = false;
        Integer firstLength = null;
        List<String> classes = null;
        List<double[][]> series = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        String line;
        int no = 0;
        while ((line = in.readLine()) != null) {
            no++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith("%")) continue;
            if (!data) {
                if (!t.startsWith("@")) throw new FormatException(source, no, "expected a header line starting with '@' before @data");
                String[] w = t.split("\\s+");
                String key = w[0].toLowerCase(Locale.ROOT);
                switch (key) {
                    case "@problemname" -> name = w.length > 1 ? w[1] : name;
                    case "@univariate" -> { if (bool(source, no, w)) dimensions = 1; }
                    case "@dimensions" -> dimensions = positive(source, no, w);
                    case "@equallength" -> equalLength = bool(source, no, w);
                    case "@serieslength" -> seriesLength = positive(source, no, w);
                    case "@missing" -> missingAllowed = bool(source, no, w);
                    case "@timestamps" -> { if (bool(source, no, w)) throw new FormatException(source, no, "time stamps are not supported"); }
                    case "@classlabel" -> {
                        if (bool(source, no, w)) {
                            classes = Arrays.asList(w).subList(2, w.length);
                            if (classes.isEmpty()) throw new FormatException(source, no, "@classLabel lists no class");
                        }
                    }
                    case "@targetlabel" -> {
                        if (bool(source, no, w))
                            throw new FormatException(source, no, "regression .ts files are not supported (file " + source + ", line " + no
                                    + ": @targetLabel true); hrsnn classifies, with @classLabel true <labels>");
                    }
                    case "@data" -> {
                        if (classes == null)
                            throw new FormatException(source, no, "no class labels before @data: a classification file needs '@classLabel true <labels>'");
                        data = true;
                    }
                    default -> { /* other headers carry nothing we need */ }
                }
                continue;
            }
            String[] parts = t.split(":");
            int channels = parts.length - 1;
            if (channels < 1) throw new FormatException(source, no, "a sample needs values and a class label separated by ':'");
            if (dimensions != null && channels != dimensions) {
                String last = parts[channels].strip();
                if (channels + 1 == dimensions && !classes.contains(last))
                    throw new FormatException(source, no, "the class label is missing: the last ':' field '" + (last.length() > 40 ? last.substring(0, 40) + "..." : last)
                            + "' is not one of " + classes + " (the header says " + dimensions + " channel(s), each followed by ':', then the label)");
                throw new FormatException(source, no, "has " + channels + " channel(s), the header says " + dimensions);
            }
            String label = parts[channels].strip();
            int cls = classes.indexOf(label);
            if (cls < 0) throw new FormatException(source, no, "class label '" + label + "' is not one of " + classes);
            double[][] channelValues = new double[channels][];
            for (int c = 0; c < channels; c++) {
                String[] v = parts[c].split(",");
                channelValues[c] = new double[v.length];
                boolean missing = false;
                for (int k = 0; k < v.length; k++) {
                    String x = v[k].strip();
                    if (x.equals("?") || x.equalsIgnoreCase("NaN")) {
                        if (!missingAllowed)
                            throw new FormatException(source, no, "missing value in channel " + (c + 1) + " at position " + (k + 1) + " but the header does not say @missing true");
                        channelValues[c][k] = Double.NaN;
                        missing = true;
                        continue;
                    }
                    try {
                        channelValues[c][k] = Double.parseDouble(x);
                    } catch (NumberFormatException e) {
                        throw new FormatException(source, no, "'" + x + "' in channel " + (c + 1) + " at position " + (k + 1) + " is not a number");
                    }
                    if (!Double.isFinite(channelValues[c][k]))
                        throw new FormatException(source, no, "'" + x + "' in channel " + (c + 1) + " at position " + (k + 1) + " is not a finite number");
                    if (Math.abs(channelValues[c][k]) > MAX_ABS)
                        throw new FormatException(source, no, "'" + x + "' in channel " + (c + 1) + " at position " + (k + 1) + " is beyond +-1e15, the largest magnitude"
                                + " hrsnn reads (one such value swamps all others once the series are scaled, and its square overflows in sums)");
                }
                if (channelValues[c].length != channelValues[0].length)
                    throw new FormatException(source, no, "channel " + (c + 1) + " has " + channelValues[c].length + " values, channel 1 has " + channelValues[0].length);
                if (missing && !impute(channelValues[c]))
                    throw new FormatException(source, no, "channel " + (c + 1) + " has no values (all missing), so it cannot be imputed");
            }
            int length = channelValues[0].length;
            if (equalLength && seriesLength != null && length != seriesLength)
                throw new FormatException(source, no, "has length " + length + ", the header says " + seriesLength);
            if (equalLength && firstLength != null && length != firstLength)
                throw new FormatException(source, no, "has length " + length + ", the first sample has " + firstLength + " and the header says @equalLength true");
            if (firstLength == null) firstLength = length;
            double[][] s = new double[length][channels];
            for (int k = 0; k < length; k++) for (int c = 0; c < channels; c++) s[k][c] = channelValues[c][k];
            series.add(s);
            labels.add(cls);
            if (dimensions == null) dimensions = channels;
        }
        if (!data) throw new FormatException(source, 0, "no @data section");
        if (series.isEmpty()) throw new FormatException(source, 0, "no samples after @data");
        return new LabelledSeries(name, series, labels.stream().mapToInt(Integer::intValue).toArray(), classes, dimensions);
    }

    /**
     * Replaces the NaNs of one channel of one sample in place: linear interpolation in time between the
     * nearest known values on either side; before the first known value that value, after the last one
     * that value. Returns false (and changes nothing) when no value is known.
     */
    static boolean impute(double[] x) {
        int first = -1;
        for (int k = 0; k < x.length && first < 0; k++) if (!Double.isNaN(x[k])) first = k;
        if (first < 0) return false;
        for (int k = 0; k < first; k++) x[k] = x[first];
        int last = first;
        for (int k = first + 1; k < x.length; k++) {
            if (Double.isNaN(x[k])) continue;
            for (int j = last + 1; j < k; j++) x[j] = x[last] + (x[k] - x[last]) * (j - last) / (k - last);
            last = k;
        }
        for (int k = last + 1; k < x.length; k++) x[k] = x[last];
        return true;
    }

    private static boolean bool(String source, int no, String[] w) throws FormatException {
        if (w.length < 2 || !(w[1].equalsIgnoreCase("true") || w[1].equalsIgnoreCase("false")))
            throw new FormatException(source, no, w[0] + " needs true or false");
        return w[1].equalsIgnoreCase("true");
    }

    private static int positive(String source, int no, String[] w) throws FormatException {
        try {
            int v = Integer.parseInt(w[1]);
            if (v < 1) throw new NumberFormatException();
            return v;
        } catch (RuntimeException e) {
            throw new FormatException(source, no, w[0] + " needs a positive whole number");
        }
    }
}
