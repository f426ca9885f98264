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

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Collectors;

/**
 * Reads and writes network designs as versioned JSON:
 * {@code {"format": "hrsnn-design", "version": 1, "network": {...}, "seed": 1}}. Reading is strict: every
 * field must be present, unknown fields are errors, and every value goes through the model's validation.
 * Writing is atomic (temporary file, then rename), so a crash never leaves half a file.
 */
public final class DesignFiles {
    public static final String FORMAT = "hrsnn-design";
    public static final int VERSION = 1;

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

    /** The mapper used for every hrsnn JSON artefact that embeds a network spec. */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .addMixIn(Distribution.class, DistributionMixIn.class)
                .addMixIn(Encoding.class, EncodingMixIn.class)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** A design: a spec and, optionally, the seed that instantiates it. */
    public record Design(NetworkSpec network, Long seed) {}

    public static Design read(Path file) throws DesignFormatException {
        String name = file.toString();
        JsonNode root;
        ObjectMapper m = mapper();
        try {
            root = m.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new DesignFormatException(name, "", "not valid JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DesignFormatException(name, "", "cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw new DesignFormatException(name, "", "must hold a JSON object");
        if (!FORMAT.equals(root.path("format").asText()))
            throw new DesignFormatException(name, "format", "must be \"" + FORMAT + "\"");
        int version = root.path("version").asInt(-1);
        if (version != VERSION)
            throw new DesignFormatException(name, "version", "this hrsnn reads version " + VERSION + ", the file has " + root.path("version"));
        if (!root.has("network")) throw new DesignFormatException(name, "network", "is missing");
        NetworkSpec spec = toSpec(m, root.get("network"), name, "network");
        JsonNode seed = root.get("seed");
        if (seed != null && !seed.isNull() && !seed.canConvertToLong())
            throw new DesignFormatException(name, "seed", "must be a whole number");
        return new Design(spec, seed == null || seed.isNull() ? null : seed.asLong());
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
            throw new DesignFormatException(file, path, e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new DesignFormatException(file, at, e.getOriginalMessage());
        }
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
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            FilePermissions.asNewFile(tmp); // as a new file would be under the umask, not owner-only
            Files.writeString(tmp, content);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
