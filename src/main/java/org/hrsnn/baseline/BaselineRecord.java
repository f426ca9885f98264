package org.hrsnn.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hrsnn.export.DesignFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trained baseline's result as a file ({@code hrsnn baseline srnn --out FILE}), for comparison with the
 * designs of a study on the same data: a study records its task and its data's identity
 * ({@code evaluation.data} of study.json: name, SHA-256s), the record carries the same two, so a report
 * matches them by equality. Format {@value #FORMAT}, version {@value #VERSION}; the fields are listed in
 * docs/baseline.md.
 */
public record BaselineRecord(String model, String task, JsonNode data, String metric, double value, double rateHz, double synapticOps,
                             double inputMacs, long parameters, int trainSamples, double trainFraction, double trainSeconds, JsonNode json) {
    public static final String FORMAT = "hrsnn-baseline";
    public static final int VERSION = 1;

    /** Whether this result was obtained on the task and data a study recorded (same task name, same data identity). */
    public boolean sameData(String studyTask, JsonNode studyData) {
        boolean none = data == null || data.isNull(), studyNone = studyData == null || studyData.isNull(); // generated tasks have no data identity
        return task.equals(studyTask) && (none ? studyNone : data.equals(studyData));
    }

    /** Reads a record; an IOException naming the file and the field when it is not one. */
    public static BaselineRecord read(Path file) throws IOException {
        JsonNode n;
        try {
            n = DesignFiles.mapper().readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not JSON (" + e.getOriginalMessage() + ")");
        }
        if (n == null || !FORMAT.equals(n.path("format").asText())) throw new IOException(file + ": format must be '" + FORMAT + "'");
        if (n.path("version").asInt() != VERSION) throw new IOException(file + ": version must be " + VERSION + ", got " + n.path("version"));
        for (String f : new String[] {"model", "task", "metric", "value", "rateHz", "synapticOpsPerSample", "inputMacsPerSample", "parameters", "trainSamples", "trainFraction", "trainSeconds"})
            if (!n.hasNonNull(f)) throw new IOException(file + ": field '" + f + "' is missing");
        for (String f : new String[] {"value", "rateHz", "synapticOpsPerSample", "trainSeconds"})
            if (!Double.isFinite(n.get(f).asDouble())) throw new IOException(file + ": field '" + f + "' is not a finite number");
        return new BaselineRecord(n.get("model").asText(), n.get("task").asText(), n.get("data"), n.get("metric").asText(), n.get("value").asDouble(),
                n.get("rateHz").asDouble(), n.get("synapticOpsPerSample").asDouble(), n.get("inputMacsPerSample").asDouble(), n.get("parameters").asLong(),
                n.get("trainSamples").asInt(), n.get("trainFraction").asDouble(), n.get("trainSeconds").asDouble(), n);
    }

    /**
     * The JSON of an SRNN result: format, version, model, task, the data's identity, the settings, the metric,
     * the activity and cost, the learning curve by epoch, and {@code extra} (baselines, tool version) merged in.
     */
    public static ObjectNode toJson(String task, JsonNode data, SrnnTraining.Settings s, double trainFraction, SrnnTraining.Result r, ObjectNode extra) {
        ObjectNode o = DesignFiles.mapper().createObjectNode();
        o.put("format", FORMAT).put("version", VERSION).put("model", "srnn").put("task", task);
        o.set("data", data == null ? null : data.deepCopy());
        o.putObject("settings").put("hidden", s.hidden()).put("layers", s.layers()).put("epochs", s.epochs()).put("batch", s.batch())
                .put("learningRate", s.learningRate()).put("seed", s.seed());
        o.put("metric", r.metric()).put("value", r.value());
        o.put("rateHz", r.rateHz()).put("spikesPerNeuronStep", r.spikesPerStep()).put("stepMs", r.stepMs()).put("silentFraction", r.silentFraction());
        o.put("synapticOpsPerSample", r.synapticOps()).put("inputMacsPerSample", r.inputMacs()).put("parameters", r.parameters());
        o.put("trainSamples", r.trainSamples()).put("trainFraction", trainFraction).put("testSamples", r.testSamples());
        o.put("trainSeconds", r.trainSeconds()).put("testSeconds", r.testSeconds()).put("finalTrainLoss", r.finalTrainLoss());
        var curve = o.putArray("epochs");
        for (SrnnTraining.Epoch e : r.epochs())
            curve.addObject().put("epoch", e.epoch()).put("loss", e.loss()).put("train" + (r.metric().equals("accuracy") ? "Accuracy" : "Nrmse"), e.trainMetric())
                    .put("seconds", e.seconds());
        if (extra != null) o.setAll(extra);
        return o;
    }

    /** Writes {@code json} to {@code file} whole or not at all. */
    public static void write(Path file, ObjectNode json) throws IOException {
        DesignFiles.writeAtomically(file, DesignFiles.mapper().writeValueAsString(json) + "\n");
    }
}
