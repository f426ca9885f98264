package org.hrsnn.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hrsnn.model.NetworkSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A self-contained exported design: a design file ({@link DesignFiles}, so {@code hrsnn evaluate --design}
 * and {@code simulate} read it) with the trial's seed, its metrics and its provenance: tool, study, trial,
 * task, objective, the search-space values, and the evaluation settings (memory protocol, task, data
 * identity) and sampler settings under which the metrics were measured.
 */
public final class DesignExport {
    private DesignExport() {}

    public static void write(Path file, NetworkSpec spec, long seed, Map<String, ?> metrics, Map<String, ?> params,
                             String study, int trial, String task, String objective, String tool,
                             com.fasterxml.jackson.databind.JsonNode evaluation, com.fasterxml.jackson.databind.JsonNode sampler) throws IOException {
        ObjectNode root = DesignFiles.toJson(spec, seed);
        root.set("metrics", DesignFiles.mapper().valueToTree(metrics));
        ObjectNode prov = root.putObject("provenance");
        prov.put("tool", tool).put("study", study).put("trial", trial).put("task", task).put("objective", objective)
                .put("exported", Instant.now().toString());
        prov.set("parameters", DesignFiles.mapper().valueToTree(params));
        if (evaluation != null) prov.set("evaluation", evaluation);
        if (sampler != null) prov.set("sampler", sampler);
        DesignFiles.writeAtomically(file, DesignFiles.mapper().writeValueAsString(root) + "\n");
    }
}
