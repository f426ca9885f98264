package org.hrsnn.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hrsnn.score.MemoryProtocol;
import org.hrsnn.sim.StateKind;

/** The memory protocol as recorded in studies and exported designs (JSON), and read back with checks. */
public final class Protocols {
    private Protocols() {}

    public static ObjectNode toJson(MemoryProtocol p) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("trainingInputs", p.trainingInputs()).put("washout", p.washout()).put("inputs", p.inputs())
                .put("trainFraction", p.trainFraction()).put("delays", p.delays()).put("holdMs", p.holdMs())
                .put("states", StateKind.labels(p.states())).put("mcFloor", p.mcFloor()).put("minRate", p.minRate());
        if (p.hasCeiling()) o.put("maxRate", p.maxRate());
        else o.put("maxRate", NO_CEILING);
        return o;
    }

    /** The fields of a protocol file, each optional. */
    static final java.util.List<String> FIELDS = java.util.List.of("trainingInputs", "washout", "inputs", "trainFraction", "delays",
            "holdMs", "states", "mcFloor", "minRate", "maxRate");

    /** How a protocol says it has no activity ceiling (JSON has no infinity). */
    static final String NO_CEILING = "none";

    /**
     * A protocol file (YAML or JSON): an object with any of {@link #FIELDS}; the others keep their defaults
     * ({@link MemoryProtocol#DEFAULT}). Unknown fields, wrong types and values out of range are errors that name
     * the file and the field.
     */
    public static MemoryProtocol read(java.nio.file.Path file) throws java.io.IOException {
        String where = file.toString();
        JsonNode o;
        try {
            o = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(java.nio.file.Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not valid YAML/JSON: " + e.getOriginalMessage());
        }
        if (o == null || !o.isObject()) throw new IllegalArgumentException(where + ": must be an object with fields among " + String.join(", ", FIELDS));
        for (var it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) throw new IllegalArgumentException(where + ": unknown field '" + f + "' (fields: " + String.join(", ", FIELDS) + ")");
        }
        ObjectNode merged = toJson(MemoryProtocol.DEFAULT);
        o.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
        return fromJson(merged, where);
    }

    /** Reads a recorded protocol; {@code where} names it in errors (file and field). */
    public static MemoryProtocol fromJson(JsonNode o, String where) {
        if (o == null || !o.isObject()) throw new IllegalArgumentException(where + ": the memory protocol is missing");
        for (String f : new String[] {"trainingInputs", "washout", "inputs", "delays"})
            if (!o.path(f).isIntegralNumber() || !o.path(f).canConvertToInt()) throw new IllegalArgumentException(where + "." + f + ": must be a whole number, got " + o.path(f));
        for (String f : new String[] {"trainFraction", "holdMs", "mcFloor"})
            if (!o.path(f).isNumber()) throw new IllegalArgumentException(where + "." + f + ": must be a number, got " + o.path(f));
        if (o.has("states") && !o.get("states").isTextual())
            throw new IllegalArgumentException(where + ".states: must be text such as \"voltage\" or \"voltage+counts\", got " + o.get("states"));
        if (o.has("minRate") && !o.get("minRate").isNumber()) throw new IllegalArgumentException(where + ".minRate: must be a number, got " + o.get("minRate"));
        JsonNode max = o.path("maxRate");
        if (!max.isMissingNode() && !max.isNumber() && !NO_CEILING.equals(max.asText(null)))
            throw new IllegalArgumentException(where + ".maxRate: must be a rate in Hz above minRate, or \"" + NO_CEILING + "\", got " + max);
        // protocols recorded before the activity ceiling had none
        double maxRate = max.isNumber() ? max.asDouble() : Double.POSITIVE_INFINITY;
        try {
            return new MemoryProtocol(o.get("trainingInputs").asInt(), o.get("washout").asInt(), o.get("inputs").asInt(),
                    o.get("trainFraction").asDouble(), o.get("delays").asInt(), o.get("holdMs").asDouble(),
                    StateKind.parseAll(o.path("states").asText(null)), o.get("mcFloor").asDouble(),
                    o.path("minRate").asDouble(0), maxRate); // protocols recorded before the activity floor had none
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
