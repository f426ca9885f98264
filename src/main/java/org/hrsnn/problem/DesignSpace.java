package org.hrsnn.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hrsnn.export.DesignFiles;
import org.hrsnn.export.DesignFormatException;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.opt.Parameter;
import org.hrsnn.opt.SearchSpace;
import org.hrsnn.study.SearchSpaceFiles.SpaceFileException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HRSNN search space: a template design and, for each parameter, the design-file fields it sets. A
 * point of the space is turned into a design by writing each parameter's value (times an optional factor,
 * a number or another parameter's value) into a copy of the template and reading the result as a design
 * file, so the model validates every field. In the search-space file:
 * <pre>
 * template: designs/reservoir.json      # a design file, relative to the space file (inlined when a study is made)
 * homogeneous: none                     # or neurons, stdp, all: replace those distributions by their means
 * parameters:
 *   - {name: tau_e, type: float, low: 5, high: 100, log: true, path: network.excitatory.neuron.tauMembrane.mean}
 *   - {name: n, type: int, low: 100, high: 2000, paths: [{path: network.excitatory.size, times: 0.8},
 *                                                        {path: network.inhibitory.size, times: 0.2}]}
 *   - {name: a_minus_ratio, type: float, low: 0.8, high: 1.5, paths: [{path: network.stdp.aMinus.mean, times: a_plus}]}
 * </pre>
 * Whole-number fields (sizes) take the rounded value; true/false fields take a categorical or fixed
 * {@code true}/{@code false}. Problems name the file, the parameter and the path.
 */
public final class DesignSpace {
    /** Which distributions are replaced by constants at their means after the parameters are set. */
    public enum Homogeneous { NONE, NEURONS, STDP, ALL }

    /** One field a parameter sets: value = parameter value * factor * (value of {@code factorParameter}, if any). */
    record Target(String path, double factor, String factorParameter) {}

    private static final ObjectMapper JSON = DesignFiles.mapper();

    private final String file;
    private final ObjectNode template;
    private final Homogeneous homogeneous;
    private final Map<String, List<Target>> targets;
    private final SearchSpace space;

    private DesignSpace(String file, ObjectNode template, Homogeneous homogeneous, Map<String, List<Target>> targets, SearchSpace space) {
        this.file = file;
        this.template = template;
        this.homogeneous = homogeneous;
        this.targets = targets;
        this.space = space;
    }

    /**
     * Reads a space file's tree and puts its template inline (a path is read relative to {@code spaceFile}),
     * so that a study keeps everything it needs in its own configuration.
     */
    public static JsonNode inlineTemplate(Path spaceFile, JsonNode tree) throws SpaceFileException {
        if (tree == null || !tree.isObject() || !tree.path("template").isTextual()) return tree;
        Path t = spaceFile.toAbsolutePath().getParent().resolve(tree.get("template").asText());
        JsonNode design;
        try {
            design = JSON.readTree(org.hrsnn.export.FileProblems.readText(t, DesignFiles.MAX_BYTES));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SpaceFileException(spaceFile.toString(), "field 'template': the design file " + t + " is " + org.hrsnn.export.FileProblems.parseError("JSON", e));
        } catch (IOException e) {
            throw new SpaceFileException(spaceFile.toString(), "field 'template': cannot read the design file: " + org.hrsnn.export.FileProblems.describe(e));
        }
        ObjectNode copy = tree.deepCopy();
        copy.set("template", design);
        copy.put("templateSource", tree.get("template").asText());
        return copy;
    }

    /** Checks the template, every parameter's paths and the design at the space's defaults and corners. */
    public static DesignSpace of(String file, JsonNode tree, SearchSpace space) throws SpaceFileException {
        JsonNode t = tree.path("template");
        if (!t.isObject())
            throw new SpaceFileException(file, "field 'template' must name a design file (hrsnn design reference --out FILE writes one) or hold one inline"
                    + "; a space without one (as search-spaces/branin.yaml) serves only the optimiser's benchmarks");
        try {
            DesignFiles.fromTree(t, file + " (template)");
        } catch (DesignFormatException e) {
            throw new SpaceFileException(file, "the template design is invalid: " + e.getMessage());
        }
        Homogeneous h;
        String hText = tree.path("homogeneous").asText("none");
        try {
            h = Homogeneous.valueOf(hText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SpaceFileException(file, "field 'homogeneous' must be none, neurons, stdp or all, got '" + hText + "'");
        }
        Map<String, Parameter> byName = new LinkedHashMap<>();
        for (Parameter p : space.parameters()) byName.put(p.name(), p);
        Map<String, List<Target>> targets = new LinkedHashMap<>();
        JsonNode ps = tree.path("parameters");
        for (JsonNode p : ps) {
            String name = p.path("name").asText();
            String where = "parameter '" + name + "'";
            List<Target> list = new ArrayList<>();
            if (p.has("path")) list.add(new Target(text(file, where, p.get("path"), "path"), 1, null));
            if (p.has("paths")) {
                if (!p.get("paths").isArray() || p.get("paths").isEmpty())
                    throw new SpaceFileException(file, where + ", field 'paths': must be a non-empty list of paths or {path, times} entries");
                for (JsonNode e : p.get("paths")) {
                    if (e.isTextual()) list.add(new Target(e.asText(), 1, null));
                    else if (e.isObject()) {
                        for (var it = e.fieldNames(); it.hasNext(); ) {
                            String k = it.next();
                            if (!k.equals("path") && !k.equals("times"))
                                throw new SpaceFileException(file, where + ", field 'paths': unknown field '" + k + "'; allowed: [path, times]");
                        }
                        String path = text(file, where, e.get("path"), "paths[].path");
                        JsonNode times = e.path("times");
                        if (times.isMissingNode()) list.add(new Target(path, 1, null));
                        else if (times.isNumber()) list.add(new Target(path, times.asDouble(), null));
                        else if (times.isTextual()) {
                            Parameter other = byName.get(times.asText());
                            if (other == null || other instanceof Parameter.Categorical || other.name().equals(name)
                                    || (other instanceof Parameter.Fixed fx && !(fx.value() instanceof Number)))
                                throw new SpaceFileException(file, where + ", path '" + path + "', field 'times': must be a number or the name of another numeric parameter, got '" + times.asText() + "'");
                            list.add(new Target(path, 1, times.asText()));
                        } else throw new SpaceFileException(file, where + ", path '" + path + "', field 'times': must be a number or a parameter name");
                    } else throw new SpaceFileException(file, where + ", field 'paths': entries must be paths or {path, times}");
                }
            }
            if (list.isEmpty())
                throw new SpaceFileException(file, where + ": needs 'path' (the design-file field it sets, for example network.excitatory.neuron.tauMembrane.mean) or 'paths'");
            for (Target target : list) checkTarget(file, where, (ObjectNode) t, target, byName.get(name));
            targets.put(name, List.copyOf(list));
        }
        DesignSpace ds = new DesignSpace(file, (ObjectNode) t.deepCopy(), h, targets, space);
        ds.checkAt("the space's defaults", space.defaultValues(), null);
        for (Parameter p : space.searched()) {
            ds.checkAt(p.name() + "'s lowest value", withValue(space, p, p.fromUnit(0)), p);
            ds.checkAt(p.name() + "'s highest value", withValue(space, p, p.fromUnit(1)), p);
        }
        ds.checkMemoryAtHighest();
        return ds;
    }

    /**
     * The largest design of the space (every numeric parameter at its highest value, which maximises sizes and
     * probabilities when factors are positive) must fit in memory. A combination that is invalid for another
     * reason is not refused here: the corners above check validity, one parameter at a time.
     */
    private void checkMemoryAtHighest() throws SpaceFileException {
        Map<String, Object> high = new LinkedHashMap<>(space.defaultValues());
        for (Parameter p : space.searched()) if (!(p instanceof Parameter.Categorical)) high.put(p.name(), p.fromUnit(1));
        NetworkSpec spec;
        try {
            spec = designUnchecked(high);
        } catch (IllegalArgumentException e) {
            return;
        }
        try {
            org.hrsnn.sim.MemoryEstimate.of(spec).check();
        } catch (org.hrsnn.sim.MemoryEstimate.TooLargeException e) {
            throw new SpaceFileException(file, "with every parameter at its highest value, " + e.getMessage());
        }
    }

    private static Map<String, Object> withValue(SearchSpace space, Parameter p, Object v) {
        Map<String, Object> m = new LinkedHashMap<>(space.defaultValues());
        m.put(p.name(), v);
        return m;
    }

    private void checkAt(String what, Map<String, Object> values, Parameter p) throws SpaceFileException {
        try {
            design(values);
        } catch (IllegalArgumentException e) {
            if (p == null) // name the parameters that set the failing field
                p = space.parameters().stream().filter(x -> targets.get(x.name()).stream().anyMatch(t -> e.getMessage().contains("'" + t.path() + "'")))
                        .findFirst().orElse(null);
            String who = p == null ? "" : "parameter '" + p.name() + "' (" + targets.get(p.name()).stream().map(Target::path).toList() + "): ";
            throw new SpaceFileException(file, who + "the design at " + what + " is invalid: " + e.getMessage());
        }
    }

    private static String text(String file, String where, JsonNode v, String field) throws SpaceFileException {
        if (v == null || !v.isTextual() || v.asText().isBlank()) throw new SpaceFileException(file, where + ", field '" + field + "': must be a design-file path such as network.excitatory.size");
        return v.asText();
    }

    /** The path must lead to an existing field whose kind (number, whole number, true/false, text) the parameter can give. */
    private static void checkTarget(String file, String where, ObjectNode template, Target target, Parameter p) throws SpaceFileException {
        String at = where + ", path '" + target.path() + "'";
        JsonNode leaf = leaf(template, target.path());
        if (leaf == null) throw new SpaceFileException(file, at + ": the template has no such field" + near(template, target.path()));
        if (leaf.isContainerNode()) throw new SpaceFileException(file, at + ": names a whole object; name one of its fields: " + fieldNames(leaf));
        boolean numeric = p instanceof Parameter.Float || p instanceof Parameter.Int || (p instanceof Parameter.Fixed f && f.value() instanceof Number);
        if (leaf.isNumber() && !numeric)
            throw new SpaceFileException(file, at + ": the field holds a number, but the parameter is " + kind(p));
        if (leaf.isIntegralNumber() && p instanceof Parameter.Float && target.factorParameter() == null && target.factor() == 1)
            throw new SpaceFileException(file, at + ": the field holds a whole number; use an int parameter");
        if (leaf.isBoolean() && !booleanChoices(p))
            throw new SpaceFileException(file, at + ": the field is true or false; use a categorical parameter with choices [true, false] or a fixed one");
        if (leaf.isTextual() && numeric)
            throw new SpaceFileException(file, at + ": the field holds text (" + leaf + "), but the parameter is " + kind(p));
        if (!numeric && (target.factor() != 1 || target.factorParameter() != null))
            throw new SpaceFileException(file, at + ", field 'times': only numeric parameters can be multiplied");
    }

    private static String kind(Parameter p) {
        return p instanceof Parameter.Categorical ? "categorical" : p instanceof Parameter.Fixed ? "fixed to a non-number" : "numeric";
    }

    private static boolean booleanChoices(Parameter p) {
        if (p instanceof Parameter.Fixed f) return f.value() instanceof Boolean || "true".equals(f.value()) || "false".equals(f.value());
        if (p instanceof Parameter.Categorical c) return c.choices().stream().allMatch(x -> x.equals("true") || x.equals("false"));
        return false;
    }

    private static JsonNode leaf(JsonNode root, String path) {
        JsonNode n = root;
        for (String part : path.split("\\.", -1)) {
            if (!n.isObject() || !n.has(part)) return null;
            n = n.get(part);
        }
        return n;
    }

    /** A hint listing the fields that do exist where the path stops matching. */
    private static String near(JsonNode root, String path) {
        JsonNode n = root;
        StringBuilder done = new StringBuilder();
        for (String part : path.split("\\.", -1)) {
            if (!n.isObject() || !n.has(part))
                return n.isObject() ? "; " + (done.length() == 0 ? "top-level" : "'" + done + "'") + " has " + fieldNames(n) : "";
            if (done.length() > 0) done.append('.');
            done.append(part);
            n = n.get(part);
        }
        return "";
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    public SearchSpace space() {
        return space;
    }

    public Homogeneous homogeneous() {
        return homogeneous;
    }

    /** The design file (as a JSON tree) at {@code values}, before homogenisation. */
    public ObjectNode designTree(Map<String, ?> values) {
        ObjectNode d = template.deepCopy();
        for (var e : targets.entrySet()) {
            Object v = values.get(e.getKey());
            if (v == null) throw new IllegalArgumentException("parameter '" + e.getKey() + "' has no value");
            for (Target t : e.getValue()) set(d, t, v, values);
        }
        return d;
    }

    /** The design at {@code values}; the model validates it (an invalid design is an IllegalArgumentException naming the field). */
    public NetworkSpec design(Map<String, ?> values) {
        NetworkSpec spec = designUnchecked(values);
        org.hrsnn.sim.MemoryEstimate.of(spec).check(); // a design too large for this process is invalid here
        return spec;
    }

    private NetworkSpec designUnchecked(Map<String, ?> values) {
        ObjectNode d = designTree(values);
        NetworkSpec spec;
        try {
            spec = DesignFiles.fromTree(d, file + " (design)").network();
        } catch (DesignFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return switch (homogeneous) {
            case NONE -> spec;
            case NEURONS -> spec.withHomogeneousNeurons();
            case STDP -> spec.withStdp(spec.stdp().homogeneous());
            case ALL -> spec.homogeneous();
        };
    }

    private static void set(ObjectNode root, Target t, Object value, Map<String, ?> values) {
        String[] parts = t.path().split("\\.");
        ObjectNode n = root;
        for (int i = 0; i < parts.length - 1; i++) n = (ObjectNode) n.get(parts[i]);
        String field = parts[parts.length - 1];
        JsonNode old = n.get(field);
        if (value instanceof Number num) {
            double x = num.doubleValue() * t.factor();
            if (t.factorParameter() != null) x *= ((Number) values.get(t.factorParameter())).doubleValue();
            if (old.isIntegralNumber()) {
                if (!(Math.abs(x) <= Integer.MAX_VALUE)) // the design's whole numbers (sizes) are ints
                    throw new IllegalArgumentException("field '" + t.path() + "' must be a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ", got " + x);
                n.put(field, Math.round(x));
            }
            else n.put(field, x);
        } else if (old.isBoolean()) n.put(field, Boolean.parseBoolean(String.valueOf(value)));
        else n.put(field, String.valueOf(value));
    }
}
