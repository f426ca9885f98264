package org.hrsnn.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.hrsnn.opt.InvalidSpaceException;
import org.hrsnn.opt.Parameter;
import org.hrsnn.opt.SearchSpace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads search-space files (YAML, or JSON which is valid YAML):
 * <pre>
 * format: hrsnn-search-space
 * version: 1
 * name: ...
 * description: ...
 * parameters:
 *   - {name: tau, type: float, low: 2, high: 200, log: true, default: 20, description: ...}
 *   - {name: n, type: int, low: 1, high: 10}
 *   - {name: rule, type: categorical, choices: [a, b]}
 *   - {name: dt, type: fixed, value: 0.1}
 * </pre>
 * Every field is checked; an error names the file, the parameter and the field.
 */
public final class SearchSpaceFiles {
    public static final String FORMAT = "hrsnn-search-space";
    /** Version 2 adds the problem's fields: a template, and the fields each parameter sets. */
    public static final int VERSION = 2;

    /** A loaded file: the space with its name and description. */
    public record Loaded(String name, String description, SearchSpace space) {}

    /** A search-space file that cannot be used. */
    public static final class SpaceFileException extends Exception {
        /** @param file the file, named before the message; null when the message names it already */
        public SpaceFileException(String file, String message) {
            super(file == null ? message : file + ": " + message);
        }
    }

    private SearchSpaceFiles() {}

    private static final Set<String> TOP = Set.of("format", "version", "name", "description", "parameters");
    private static final Set<String> COMMON = Set.of("name", "type", "description");
    /** Fields the engine passes to the problem unread (version 2): the HRSNN template and each parameter's paths. */
    private static final Set<String> PROBLEM_TOP = Set.of("template", "templateSource", "homogeneous");
    private static final Set<String> PROBLEM_PARAMETER = Set.of("path", "paths");

    /** Largest search-space file read (checked before parsing: a huge file is refused at once, not parsed for a minute). */
    public static final long MAX_BYTES = 1 << 20;

    public static Loaded read(Path file) throws SpaceFileException {
        return fromTree(file.toString(), tree(file), file.getFileName().toString());
    }

    /** Reads a file's content from its YAML/JSON tree (as embedded in a study's configuration). */
    public static JsonNode tree(Path file) throws SpaceFileException {
        String text;
        try {
            text = org.hrsnn.export.FileProblems.readText(file, MAX_BYTES);
        } catch (IOException e) {
            throw new SpaceFileException(null, org.hrsnn.export.FileProblems.describe(e));
        }
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (JsonProcessingException e) {
            throw new SpaceFileException(file.toString(), org.hrsnn.export.FileProblems.parseError("YAML/JSON", e));
        } catch (RuntimeException e) { // SnakeYAML's own limits (nesting, aliases) surface as unchecked exceptions
            throw new SpaceFileException(file.toString(), "cannot be parsed as YAML: " + e.getMessage());
        }
    }

    /** Builds the space from a parsed file; {@code f} names it in errors. */
    public static Loaded fromTree(String f, JsonNode root, String defaultName) throws SpaceFileException {
        if (root == null || !root.isObject()) throw new SpaceFileException(f, "must hold a mapping with 'format', 'version' and 'parameters'");
        if (!FORMAT.equals(root.path("format").asText())) throw new SpaceFileException(f, "field 'format' must be \"" + FORMAT + "\"");
        int version = root.path("version").asInt(-1);
        if (version < 1 || version > VERSION)
            throw new SpaceFileException(f, "field 'version': this hrsnn reads versions 1 and " + VERSION + ", the file has " + root.path("version"));
        unknown(f, "the file", root, version >= 2 ? union(TOP, PROBLEM_TOP) : TOP);
        JsonNode ps = root.path("parameters");
        if (!ps.isArray() || ps.isEmpty()) throw new SpaceFileException(f, "field 'parameters' must be a non-empty list");
        List<Parameter> out = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            JsonNode p = ps.get(i);
            String where = "parameter #" + (i + 1);
            if (!p.isObject()) throw new SpaceFileException(f, where + " must be a mapping");
            String name = text(f, where, p, "name", true);
            where = "parameter '" + name + "'";
            try {
                out.add(parameter(f, where, name, p, version >= 2 ? PROBLEM_PARAMETER : Set.of()));
            } catch (InvalidSpaceException e) {
                throw new SpaceFileException(f, e.getMessage());
            }
        }
        try {
            return new Loaded(root.path("name").asText(defaultName), root.path("description").asText(""), new SearchSpace(out));
        } catch (InvalidSpaceException e) {
            throw new SpaceFileException(f, e.getMessage());
        }
    }

    private static Parameter parameter(String f, String where, String name, JsonNode p, Set<String> problem) throws SpaceFileException {
        String type = text(f, where, p, "type", true).toLowerCase(Locale.ROOT);
        String description = p.has("description") ? p.get("description").asText() : "";
        if (description.length() > 10_000) throw new SpaceFileException(f, where + ", field 'description': longer than 10,000 characters");
        switch (type) {
            case "float" -> {
                unknown(f, where, p, union(problem, "low", "high", "log", "default"));
                boolean log = bool(f, where, p, "log");
                Double def = p.has("default") ? number(f, where, p, "default") : null;
                return new Parameter.Float(name, number(f, where, p, "low"), number(f, where, p, "high"), log, def, description);
            }
            case "int" -> {
                unknown(f, where, p, union(problem, "low", "high", "log", "default"));
                Long def = p.has("default") ? integer(f, where, p, "default") : null;
                return new Parameter.Int(name, integer(f, where, p, "low"), integer(f, where, p, "high"), bool(f, where, p, "log"), def, description);
            }
            case "categorical" -> {
                unknown(f, where, p, union(problem, "choices", "default"));
                JsonNode c = p.path("choices");
                if (!c.isArray() || c.isEmpty()) throw new SpaceFileException(f, where + ", field 'choices': must be a non-empty list");
                List<String> choices = new ArrayList<>();
                c.forEach(v -> choices.add(v.asText()));
                return new Parameter.Categorical(name, choices, p.has("default") ? p.get("default").asText() : null, description);
            }
            case "fixed" -> {
                unknown(f, where, p, union(problem, "value"));
                JsonNode v = p.get("value");
                if (v == null || v.isNull()) throw new SpaceFileException(f, where + ", field 'value': is missing");
                Object value = v.isIntegralNumber() ? (Object) v.asLong() : v.isNumber() ? (Object) v.asDouble() : v.isBoolean() ? (Object) v.asBoolean() : v.asText();
                return new Parameter.Fixed(name, value, description);
            }
            default -> throw new SpaceFileException(f, where + ", field 'type': must be float, int, categorical or fixed, got '" + type + "'");
        }
    }

    private static Set<String> union(Set<String> problem, String... extra) {
        var s = new java.util.HashSet<>(COMMON);
        s.addAll(List.of(extra));
        s.addAll(problem);
        return s;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var s = new java.util.HashSet<>(a);
        s.addAll(b);
        return s;
    }

    private static void unknown(String f, String where, JsonNode node, Set<String> allowed) throws SpaceFileException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) throw new SpaceFileException(f, where + ": unknown field '" + k + "'; allowed: " + new java.util.TreeSet<>(allowed));
        }
    }

    private static String text(String f, String where, JsonNode p, String field, boolean required) throws SpaceFileException {
        JsonNode v = p.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            if (required) throw new SpaceFileException(f, where + ", field '" + field + "': is missing");
            return null;
        }
        return v.asText();
    }

    private static double number(String f, String where, JsonNode p, String field) throws SpaceFileException {
        JsonNode v = p.get(field);
        if (v == null || !v.isNumber()) throw new SpaceFileException(f, where + ", field '" + field + "': must be a number" + (v == null ? " (missing)" : ", got " + v));
        return v.asDouble();
    }

    private static long integer(String f, String where, JsonNode p, String field) throws SpaceFileException {
        JsonNode v = p.get(field);
        if (v == null || !v.isIntegralNumber()) throw new SpaceFileException(f, where + ", field '" + field + "': must be a whole number" + (v == null ? " (missing)" : ", got " + v));
        return v.asLong();
    }

    private static boolean bool(String f, String where, JsonNode p, String field) throws SpaceFileException {
        JsonNode v = p.get(field);
        if (v == null) return false;
        if (!v.isBoolean()) throw new SpaceFileException(f, where + ", field '" + field + "': must be true or false, got " + v);
        return v.asBoolean();
    }
}
