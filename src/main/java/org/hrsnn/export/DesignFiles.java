package org.hrsnn.export;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hrsnn.model.Distribution;
import org.hrsnn.model.Encoding;
import org.hrsnn.model.InvalidSpecException;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.model.Noise;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads and writes network designs as versioned JSON:
 * {@code {"format": "hrsnn-design", "version": 2, "network": {...}, "seed": 1}}, plus {@code metrics} and
 * {@code provenance} in exported designs. Reading is strict: every field must be present, unknown fields
 * (top-level ones too) are errors, and every value goes through the model's validation.
 * Version 1 (before background noise) still reads: it is upgraded by giving both populations
 * {@code "noise": {"type": "none"}}. Writing always gives the current version and is atomic (temporary
 * file, then rename), so a crash never leaves half a file.
 */
public final class DesignFiles {
    public static final String FORMAT = "hrsnn-design";
    /** The version written. 2 added {@code neuron.noise}. */
    public static final int VERSION = 2;
    /** The oldest version still read. */
    public static final int OLDEST_READABLE = 1;
    /** Every key allowed at the top level; {@code metrics} and {@code provenance} are written by exports. */
    /** Largest design file read: a design with metrics and provenance is a few KB. */
    public static final long MAX_BYTES = 4 << 20;
    public static final List<String> TOP_LEVEL_KEYS = List.of("format", "version", "network", "seed", "metrics", "provenance");

    private DesignFiles() {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Distribution.Constant.class, name = "constant"),
            @JsonSubTypes.Type(value = Distribution.Gamma.class, name = "gamma"),
            @JsonSubTypes.Type(value = Distribution.LogNormal.class, name = "lognormal"),
            @JsonSubTypes.Type(value = Distribution.Uniform.class, name = "uniform")})
    private interface DistributionMixIn {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Encoding.Analog.class, name = "analog"),
            @JsonSubTypes.Type(value = Encoding.Rate.class, name = "rate"),
            @JsonSubTypes.Type(value = Encoding.Delta.class, name = "delta")})
    private interface EncodingMixIn {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Noise.None.class, name = "none"),
            @JsonSubTypes.Type(value = Noise.Gaussian.class, name = "gaussian"),
            @JsonSubTypes.Type(value = Noise.Poisson.class, name = "poisson")})
    private interface NoiseMixIn {}

    /** The mapper used for every hrsnn JSON artefact that embeds a network spec. */
    public static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper();
        // A number written as text ("80") or a fraction for a whole number (80.5) is an error, not coerced.
        for (var type : new com.fasterxml.jackson.databind.type.LogicalType[] {com.fasterxml.jackson.databind.type.LogicalType.Integer,
                com.fasterxml.jackson.databind.type.LogicalType.Float, com.fasterxml.jackson.databind.type.LogicalType.Boolean})
            m.coercionConfigFor(type).setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.String, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
        m.coercionConfigFor(com.fasterxml.jackson.databind.type.LogicalType.Integer)
                .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Float, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
        return m
                .addMixIn(Distribution.class, DistributionMixIn.class)
                .addMixIn(Encoding.class, EncodingMixIn.class)
                .addMixIn(Noise.class, NoiseMixIn.class)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * A design: a spec and, optionally, the seed that instantiates it.
     *
     * @param evaluation the evaluation settings an exported design was measured under (its
     *                   {@code provenance.evaluation}: memory protocol, task, readout rules), or null
     */
    public record Design(NetworkSpec network, Long seed, JsonNode evaluation) {
        public Design(NetworkSpec network, Long seed) {
            this(network, seed, null);
        }
    }

    public static Design read(Path file) throws DesignFormatException {
        String name = file.toString();
        JsonNode root;
        String text;
        try {
            text = FileProblems.readText(file, MAX_BYTES);
        } catch (IOException e) {
            throw new DesignFormatException(FileProblems.describe(e));
        }
        try {
            root = mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new DesignFormatException(name, "", FileProblems.parseError("JSON", e));
        }
        return fromTree(root, name);
    }

    /** A design from a parsed design file; {@code name} names it in errors. */
    public static Design fromTree(JsonNode root, String name) throws DesignFormatException {
        ObjectMapper m = mapper();
        if (root == null || !root.isObject()) throw new DesignFormatException(name, "", "must hold a JSON object");
        if (!FORMAT.equals(root.path("format").asText()))
            throw new DesignFormatException(name, "format", "must be \"" + FORMAT + "\"");
        JsonNode v = root.path("version");
        int version = v.isIntegralNumber() ? v.asInt() : -1;
        if (version < OLDEST_READABLE || version > VERSION)
            throw new DesignFormatException(name, "version", "this hrsnn reads versions " + OLDEST_READABLE + " to " + VERSION
                    + ", the file has " + v);
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!TOP_LEVEL_KEYS.contains(key))
                throw new DesignFormatException(name, key, "unknown field; allowed: " + String.join(", ", TOP_LEVEL_KEYS));
        }
        if (!root.has("network")) throw new DesignFormatException(name, "network", "is missing");
        JsonNode network = root.get("network");
        if (version == 1) upgradeFromVersion1(network = network.deepCopy(), name); // a copy: the caller's tree stays as read
        if (lacksAnalogDelay(network)) ((ObjectNode) (network = network.deepCopy()).path("input").path("encoding")).put("maxDelay", 0.0);
        if (lacksAnalogTaps(network)) ((ObjectNode) (network = network.deepCopy()).path("input").path("encoding")).put("taps", 1);
        NetworkSpec spec = toSpec(m, network, name, "network");
        JsonNode seed = root.get("seed");
        if (seed != null && !seed.isNull() && !seed.canConvertToLong())
            throw new DesignFormatException(name, "seed", "must be a whole number");
        JsonNode evaluation = root.path("provenance").path("evaluation");
        return new Design(spec, seed == null || seed.isNull() ? null : seed.asLong(), evaluation.isObject() ? evaluation : null);
    }

    /**
     * Whether an analog encoding lacks {@code maxDelay}: files written before input delays existed (the field is
     * optional in version 2, 0 when absent).
     */
    private static boolean lacksAnalogDelay(JsonNode network) {
        JsonNode e = network.path("input").path("encoding");
        return e.isObject() && "analog".equals(e.path("type").asText()) && !e.has("maxDelay");
    }

    /** Whether an analog encoding lacks {@code taps}: files written before input taps existed (optional, 1 when absent). */
    private static boolean lacksAnalogTaps(JsonNode network) {
        JsonNode e = network.path("input").path("encoding");
        return e.isObject() && "analog".equals(e.path("type").asText()) && !e.has("taps");
    }

    /**
     * Version 1 to 2, in place: both populations' {@code neuron} get {@code "noise": {"type": "none"}}.
     * Anything else missing or malformed is left for the strict conversion to report.
     */
    static void upgradeFromVersion1(JsonNode network, String file) throws DesignFormatException {
        for (String pop : List.of("excitatory", "inhibitory")) {
            if (!(network.path(pop).path("neuron") instanceof ObjectNode neuron)) continue;
            if (neuron.has("noise"))
                throw new DesignFormatException(file, "network." + pop + ".neuron.noise", "unknown field in version 1 (noise came with version 2)");
            neuron.putObject("noise").put("type", "none");
        }
    }

    /** Converts a JSON tree to a spec; problems name {@code file} and the field under {@code at}. */
    public static NetworkSpec toSpec(ObjectMapper m, JsonNode node, String file, String at) throws DesignFormatException {
        try {
            return m.treeToValue(node, NetworkSpec.class);
        } catch (JsonMappingException e) {
            String path = at + e.getPath().stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining());
            Throwable cause = e.getCause();
            if (cause instanceof InvalidSpecException s) throw new DesignFormatException(file, path + "." + s.field(), s.problem());
            if (e instanceof UnrecognizedPropertyException u)
                throw new DesignFormatException(file, path, "unknown field; allowed: " + u.getKnownPropertyIds());
            throw new DesignFormatException(file, path, plain(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new DesignFormatException(file, at, e.getOriginalMessage());
        }
    }

    private static final java.util.regex.Pattern COERCE = java.util.regex.Pattern.compile("Cannot coerce [\\w-]+ value \\((.*)\\) to `(\\w+)` value.*");

    /** Jackson's refusal to coerce a value, in the words of this file format. */
    static String plain(String message) {
        var m = COERCE.matcher(message == null ? "" : message);
        if (!m.matches()) return message;
        String want = switch (m.group(2)) {
            case "int", "long", "java.lang.Integer" -> "a whole number";
            case "boolean" -> "true or false";
            default -> "a number";
        };
        return "must be " + want + ", got " + m.group(1);
    }

    public static ObjectNode toJson(NetworkSpec spec, Long seed) {
        ObjectMapper m = mapper();
        ObjectNode root = m.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.set("network", m.valueToTree(spec));
        if (seed != null) root.put("seed", seed);
        return root;
    }

    public static void write(Path file, NetworkSpec spec, Long seed) throws IOException {
        writeAtomically(file, mapper().writeValueAsString(toJson(spec, seed)) + "\n");
    }

    /** Writes through a temporary file in the same folder and renames it over the target. */
    public static void writeAtomically(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Temporaries.cleanStale(dir); // those of an earlier write that was killed before its rename
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, Temporaries.prefix(file.getFileName().toString()), "");
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + FileProblems.describe(e), e);
        }
        try {
            FilePermissions.asNewFile(tmp); // as a new file would be under the umask, not owner-only
            try {
                Files.writeString(tmp, content);
            } catch (IOException e) {
                throw new IOException("cannot write " + file + ": " + FileProblems.describe(e), e);
            }
            CrashPoints.reach("export.rename");
            replace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Moves a finished temporary file over {@code file}: atomically where the file system can, so a reader never sees half a file. */
    public static void replace(Path tmp, Path file) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
