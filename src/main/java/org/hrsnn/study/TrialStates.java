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
 * {@code pruned} / {@code failed} (reason, metrics so far), {@code released} (a stopped process gave the
 * trial back: it is re-run without counting its process as dead). {@code heartbeat} events (the running
 * process is alive) change no state; {@link EventStorage} reads them for liveness.
 */
public final class TrialStates {
    private TrialStates() {}

    /** An event that contradicts the ones before it; {@code index} is its place in the list (its journal line - 1). */
    public static final class ConflictException extends IllegalStateException {
        public final int index;

        ConflictException(int index, String problem) {
            super(problem);
            this.index = index;
        }
    }

    /**
     * The trials the events describe. An event that contradicts earlier ones (a trial created twice, an event
     * for a trial never created, a {@code created} event without its parameters, point or seed) is a
     * {@link ConflictException}; events after a trial's first outcome are ignored (the first outcome stands).
     */
    public static List<Trial> replay(List<Journal.Event> events) {
        Map<Integer, Trial> trials = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < events.size(); i++) {
            Journal.Event e = events.get(i);
            JsonNode b = e.body();
            Trial t = trials.get(e.trial());
            if (e.trial() < 0) throw new ConflictException(i, "trial number " + e.trial() + " is negative");
            if (e.kind().equals("created")) {
                if (t != null) throw new ConflictException(i, "trial " + e.trial() + " is created a second time (it was " + t.state().name().toLowerCase(java.util.Locale.ROOT) + ")");
                if (!b.path("params").isObject() || !b.path("unit").isArray() || !b.path("seed").isIntegralNumber())
                    throw new ConflictException(i, "the 'created' event of trial " + e.trial() + " needs 'params' (an object), 'unit' (a list) and 'seed' (a whole number)");
                Map<String, Object> params;
                double[] unit;
                try {
                    params = json.convertValue(b.get("params"), json.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
                    unit = json.convertValue(b.get("unit"), double[].class);
                } catch (IllegalArgumentException x) {
                    throw new ConflictException(i, "the 'created' event of trial " + e.trial() + " has unreadable 'params' or 'unit'");
                }
                trials.put(e.trial(), new Trial(e.trial(), Trial.State.CREATED, params, unit, b.get("seed").asLong(), Map.of(), null, null, 0, null));
                continue;
            }
            boolean known = switch (e.kind()) {
                case "running", "released", "intermediate", "complete", "pruned", "failed" -> true;
                default -> false; // unknown kinds from newer versions are skipped
            };
            if (!known) continue;
            if (t == null) throw new ConflictException(i, "'" + e.kind() + "' event for trial " + e.trial() + ", which was never created");
            if (t.finished()) continue; // the first outcome stands
            switch (e.kind()) {
                case "running" -> trials.put(e.trial(), with(t, Trial.State.RUNNING, t.metrics(), null, b.path("owner").asText(), 0, t.mcCurve()));
                case "released" -> trials.put(e.trial(), with(t, Trial.State.CREATED, t.metrics(), null, null, 0, t.mcCurve()));
                case "intermediate" -> trials.put(e.trial(), with(t, t.state(), merge(t.metrics(), b.get("metrics")), t.reason(), t.owner(), t.seconds(), curve(t, b)));
                case "complete" -> trials.put(e.trial(), with(t, Trial.State.COMPLETE, merge(t.metrics(), b.get("metrics")), null, null, b.path("seconds").asDouble(), curve(t, b)));
                case "pruned" -> trials.put(e.trial(), with(t, Trial.State.PRUNED, merge(t.metrics(), b.get("metrics")), b.path("reason").asText(), null, b.path("seconds").asDouble(), curve(t, b)));
                case "failed" -> trials.put(e.trial(), with(t, Trial.State.FAILED, merge(t.metrics(), b.get("metrics")), b.path("reason").asText(), null, b.path("seconds").asDouble(), curve(t, b)));
                default -> throw new AssertionError(e.kind());
            }
        }
        return new ArrayList<>(trials.values());
    }

    private static Trial with(Trial t, Trial.State s, Map<String, Double> m, String reason, String owner, double seconds, double[] curve) {
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
