package org.hrsnn.nir;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NIR graph (Neuromorphic Intermediate Representation) in memory: named nodes, directed edges between
 * them (a node's inputs are summed), and metadata. Each node has a type ({@code LIF}, {@code Linear}, ...),
 * its parameters as arrays and its own metadata. Only what hrsnn writes and reads is modelled: no nested
 * graphs.
 */
public record NirGraph(Map<String, Node> nodes, List<Edge> edges, Map<String, Value> metadata) {
    public NirGraph {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        edges = List.copyOf(edges);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public record Edge(String from, String to) {}

    /** One node: its NIR type, its parameters (NIR's field names) and its metadata. */
    public record Node(String type, Map<String, Value> params, Map<String, Value> metadata) {
        public Node {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    /** A parameter or metadata value: an array of reals, an array of integers, or a string. */
    public sealed interface Value permits Reals, Integers, Text, Texts {}

    /** Reals of any shape, row-major. */
    public record Reals(int[] shape, double[] data) implements Value {
        public Reals {
            if (Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b) != data.length)
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " + data.length + " values");
        }

        public static Reals vector(double[] v) {
            return new Reals(new int[] {v.length}, v.clone());
        }

        public static Reals matrix(double[][] m) {
            int rows = m.length, cols = rows == 0 ? 0 : m[0].length;
            double[] d = new double[rows * cols];
            for (int r = 0; r < rows; r++) System.arraycopy(m[r], 0, d, r * cols, cols);
            return new Reals(new int[] {rows, cols}, d);
        }

        public static Reals filled(int n, double value) {
            double[] d = new double[n];
            Arrays.fill(d, value);
            return vector(d);
        }

        public static Reals scalar(double value) {
            return new Reals(new int[0], new double[] {value});
        }

        @Override public boolean equals(Object o) {
            return o instanceof Reals r && Arrays.equals(shape, r.shape) && Arrays.equals(data, r.data);
        }

        @Override public int hashCode() {
            return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
        }

        @Override public String toString() {
            return "Reals" + Arrays.toString(shape);
        }
    }

    /** A vector of integers (shapes, step counts). */
    public record Integers(long[] data) implements Value {
        @Override public boolean equals(Object o) {
            return o instanceof Integers r && Arrays.equals(data, r.data);
        }

        @Override public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override public String toString() {
            return "Integers" + Arrays.toString(data);
        }
    }

    public record Text(String value) implements Value {}

    /** A vector of strings (metadata lists). */
    public record Texts(List<String> values) implements Value {
        public Texts {
            values = List.copyOf(values);
        }
    }
}
