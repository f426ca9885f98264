package org.hrsnn.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays journal events into the current trials. Events: {@code created} (params, unit, seed),
 * {@code running} (owner), {@code intermediate} (metrics), {@code complete} (metrics),
 * {@code pruned} / {@code failed} (reason, metrics so far).
 */
public final class TrialStates {
    private TrialStates() {}

    public static List<Trial> replay(List<Journal.Event> events) {
        Map<Integer, Trial> trials = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        for (Journal.Event e : events) {
            JsonNode b = e.body();
            Trial t = trials.get(e.trial());
            switch (e.kind()) {
                case "created" -> {
                    Map<String, Object> params = json.convertValue(b.get("params"), json.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
                    double[] unit = json.convertValue(b.get("unit"), double[].class);
                    trials.put(e.trial(), new Trial(e.trial(), Trial.State.CREATED, params, unit, b.get("seed").asLong(), Map.of(), null, null, 0, null));
                }
                case "running" -> trials.put(e.trial(), with(t, Trial.State.RUNNING, t.metrics(), null, b.path("owner").asText(), 0, t.mcCurve()));
                case "intermediate" -> trials.put(e.trial(), with(t, t.state(), merge(t.metrics(), b.get("metrics")), t.reason(), t.owner(), t.seconds(), curve(t, b)));
                case "complete" -> trials.put(e.trial(), with(t, Trial.State.COMPLETE, merge(t.metrics(), b.get("metrics")), null, null, b.path("seconds").asDouble(), curve(t, b)));
                case "pruned" -> trials.put(e.trial(), with(t, Trial.State.PRUNED, merge(t.metrics(), b.get("metrics")), b.path("reason").asText(), null, b.path("seconds").asDouble(), curve(t, b)));
                case "failed" -> trials.put(e.trial(), with(t, Trial.State.FAILED, merge(t.metrics(), b.get("metrics")), b.path("reason").asText(), null, b.path("seconds").asDouble(), curve(t, b)));
                default -> { /* unknown kinds from newer versions are skipped */ }
            }
        }
        return new ArrayList<>(trials.values());
    }

    private static Trial with(Trial t, Trial.State s, Map<String, Double> m, String reason, String owner, double seconds, double[] curve) {
        if (t == null) throw new IllegalStateException("journal event for a trial that was never created");
        return new Trial(t.number(), s, t.params(), t.unit(), t.seed(), m, reason, owner, seconds, curve);
    }

    /** The event's MC curve (metrics.mcCurve), or the one the trial already had. */
    private static double[] curve(Trial t, JsonNode body) {
        JsonNode c = body.path("metrics").path("mcCurve");
        if (!c.isArray()) return t == null ? null : t.mcCurve();
        double[] out = new double[c.size()];
        for (int k = 0; k < out.length; k++) out[k] = c.get(k).asDouble();
        return out;
    }

    private static Map<String, Double> merge(Map<String, Double> old, JsonNode add) {
        Map<String, Double> m = new LinkedHashMap<>(old);
        if (add != null)
            for (Iterator<Map.Entry<String, JsonNode>> it = add.fields(); it.hasNext(); ) {
                var f = it.next();
                if (f.getValue().isNumber()) m.put(f.getKey(), f.getValue().asDouble());
            }
        return m;
    }
}
