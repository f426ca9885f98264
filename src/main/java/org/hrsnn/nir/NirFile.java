package org.hrsnn.nir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.jhdf.exceptions.HdfException;
import org.hrsnn.nir.NirGraph.Edge;
import org.hrsnn.nir.NirGraph.Integers;
import org.hrsnn.nir.NirGraph.Reals;
import org.hrsnn.nir.NirGraph.Text;
import org.hrsnn.nir.NirGraph.Texts;
import org.hrsnn.nir.NirGraph.Value;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes NIR graphs as HDF5 in the layout of NIR's reference implementation: a string dataset
 * {@code version} and a group {@code node} holding the graph, which has a string dataset {@code type}
 * ({@code "NIRGraph"}), a group {@code nodes} with one group per node, a string dataset {@code edges} of shape
 * (E, 2), and an optional group {@code metadata}. Each node group has {@code type}, one dataset per parameter
 * (NIR's field names, nothing else: the reference reader passes every entry to the node's constructor) and an
 * optional {@code metadata} group. Written with jHDF (pure Java); the write is atomic (temporary file, then
 * rename).
 */
public final class NirFile {
    /** The NIR release whose layout is followed. */
    public static final String NIR_VERSION = "1.0.7";
    /** Matrices with at least this many entries are written with deflate compression (sparse weights shrink many times). */
    private static final int COMPRESS_FROM = 4096;

    private NirFile() {}

    public static void write(Path file, NirGraph g) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (WritableHdfFile f = HdfFile.write(tmp)) {
                f.putDataset("version", NIR_VERSION);
                WritableGroup root = f.putGroup("node");
                root.putDataset("type", "NIRGraph");
                WritableGroup nodes = root.putGroup("nodes");
                for (var e : g.nodes().entrySet()) {
                    WritableGroup n = nodes.putGroup(e.getKey());
                    n.putDataset("type", e.getValue().type());
                    for (var p : e.getValue().params().entrySet()) put(n, p.getKey(), p.getValue());
                    putMetadata(n, e.getValue().metadata());
                }
                String[][] edges = new String[g.edges().size()][];
                for (int k = 0; k < edges.length; k++) edges[k] = new String[] {g.edges().get(k).from(), g.edges().get(k).to()};
                root.putDataset("edges", edges);
                putMetadata(root, g.metadata());
            } catch (HdfException e) {
                throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
            }
            org.hrsnn.export.FilePermissions.asNewFile(tmp);
            org.hrsnn.export.DesignFiles.replace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void putMetadata(WritableGroup g, Map<String, Value> metadata) {
        if (metadata.isEmpty()) return; // as the reference writer: no empty metadata group
        WritableGroup m = g.putGroup("metadata");
        for (var e : metadata.entrySet()) put(m, e.getKey(), e.getValue());
    }

    private static void put(WritableGroup g, String name, Value v) {
        if (v instanceof Text t) g.putDataset(name, t.value());
        else if (v instanceof Texts t) g.putDataset(name, t.values().toArray(new String[0]));
        else if (v instanceof Integers i) g.putDataset(name, i.data());
        else if (v instanceof Reals r) {
            if (r.data().length == 0) throw new IllegalArgumentException(name + ": empty arrays are not written");
            switch (r.shape().length) {
                case 0 -> g.putDataset(name, r.data()[0]);
                case 1 -> g.putDataset(name, r.data());
                case 2 -> {
                    int rows = r.shape()[0], cols = r.shape()[1];
                    double[][] m = new double[rows][];
                    for (int k = 0; k < rows; k++) m[k] = Arrays.copyOfRange(r.data(), k * cols, (k + 1) * cols);
                    if (r.data().length >= COMPRESS_FROM)
                        g.putDataset(name, m, DatasetCreationOptions.builder().chunkDimensions(rows, cols).deflate(6).build());
                    else g.putDataset(name, m);
                }
                default -> throw new IllegalArgumentException(name + ": arrays of rank " + r.shape().length + " are not written");
            }
        }
    }

    /** Reads a NIR file; a file that is not HDF5 or not a NIR graph gives an error naming the node or path. */
    public static NirGraph read(Path file) throws NirFormatException {
        String name = file.toString();
        if (!Files.isRegularFile(file)) throw new NirFormatException(name, "", "no such file");
        try (HdfFile f = new HdfFile(file)) {
            Node version = child(f, "version");
            if (!(version instanceof Dataset) || !(((Dataset) version).getData() instanceof String))
                throw new NirFormatException(name, "version", "missing or not a string: not a NIR file");
            if (!(child(f, "node") instanceof Group root)) throw new NirFormatException(name, "node", "missing: not a NIR file");
            String type = text(name, "node", root, "type");
            if (!"NIRGraph".equals(type))
                throw new NirFormatException(name, "node/type", "is '" + type + "'; hrsnn reads a file whose top node is a NIRGraph");
            if (!(child(root, "nodes") instanceof Group nodesGroup)) throw new NirFormatException(name, "node/nodes", "missing");
            Map<String, NirGraph.Node> nodes = new LinkedHashMap<>();
            for (var e : nodesGroup.getChildren().entrySet()) {
                String where = "node '" + e.getKey() + "'";
                if (!(e.getValue() instanceof Group g)) throw new NirFormatException(name, where, "is not a group");
                String t = text(name, where, g, "type");
                Map<String, Value> params = new LinkedHashMap<>();
                Map<String, Value> meta = Map.of();
                for (var p : g.getChildren().entrySet()) {
                    if (p.getKey().equals("type")) continue;
                    if (p.getKey().equals("metadata")) meta = metadata(name, where, p.getValue());
                    else if (p.getValue() instanceof Group) throw new NirFormatException(name, where + ", field '" + p.getKey() + "'",
                            "is a group (a nested graph?); hrsnn reads flat graphs");
                    else params.put(p.getKey(), value(name, where + ", field '" + p.getKey() + "'", (Dataset) p.getValue()));
                }
                nodes.put(e.getKey(), new NirGraph.Node(t, params, meta));
            }
            List<Edge> edges = new ArrayList<>();
            if (!(child(root, "edges") instanceof Dataset ed)) throw new NirFormatException(name, "node/edges", "missing");
            Object data = ed.getData();
            String[][] pairs;
            if (data instanceof String[][] found) pairs = found;
            else throw new NirFormatException(name, "node/edges", "must be strings of shape (E, 2), got " + ed.getJavaType().getSimpleName()
                    + " of shape " + Arrays.toString(ed.getDimensions()));
            for (String[] p : pairs) {
                if (p.length != 2) throw new NirFormatException(name, "node/edges", "must have shape (E, 2)");
                for (String end : p)
                    if (!nodes.containsKey(end)) throw new NirFormatException(name, "edge " + p[0] + " -> " + p[1], "names node '" + end + "', which is not in the graph");
                edges.add(new Edge(p[0], p[1]));
            }
            Map<String, Value> meta = child(root, "metadata") == null ? Map.of() : metadata(name, "graph", child(root, "metadata"));
            return new NirGraph(nodes, edges, meta);
        } catch (HdfException e) {
            throw new NirFormatException(name, "", "not a readable HDF5 file (" + e.getMessage() + ")");
        }
    }

    private static Node child(Group g, String key) {
        return g.getChildren().get(key);
    }

    private static String text(String file, String where, Group g, String key) throws NirFormatException {
        if (child(g, key) instanceof Dataset d && d.getData() instanceof String s) return s;
        throw new NirFormatException(file, where, "has no string '" + key + "'");
    }

    private static Map<String, Value> metadata(String file, String where, Node n) throws NirFormatException {
        if (!(n instanceof Group g)) throw new NirFormatException(file, where, "metadata is not a group");
        Map<String, Value> m = new LinkedHashMap<>();
        for (var e : g.getChildren().entrySet()) {
            if (e.getValue() instanceof Dataset d) m.put(e.getKey(), value(file, where + ", metadata '" + e.getKey() + "'", d));
            // nested metadata groups are allowed by NIR; hrsnn writes none and ignores them
        }
        return m;
    }

    /** A dataset as a value: reals (float32 widened), integers, or strings. */
    static Value value(String file, String where, Dataset d) throws NirFormatException {
        Object o = d.getData();
        int[] shape = d.getDimensions();
        if (o instanceof String s) return new Text(s);
        if (o instanceof String[] s) return new Texts(List.of(s));
        if (o instanceof Double x) return Reals.scalar(x);
        if (o instanceof Float x) return Reals.scalar(x);
        if (o instanceof Long x) return new Integers(new long[] {x});
        if (o instanceof Integer x) return new Integers(new long[] {x});
        if (o instanceof Boolean x) return new Integers(new long[] {x ? 1 : 0});
        if (o instanceof long[] x) return new Integers(x);
        if (o instanceof int[] x) return new Integers(Arrays.stream(x).asLongStream().toArray());
        if (o instanceof double[] || o instanceof float[] || o instanceof double[][] || o instanceof float[][]) {
            Object flat = d.getDataFlat();
            double[] v = flat instanceof double[] dd ? dd : widen((float[]) flat);
            return new Reals(shape, v);
        }
        throw new NirFormatException(file, where, "holds " + d.getJavaType().getSimpleName() + " of shape " + Arrays.toString(shape)
                + "; hrsnn reads real or integer arrays of rank 0 to 2 and strings");
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int k = 0; k < f.length; k++) d[k] = f[k];
        return d;
    }
}
