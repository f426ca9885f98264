package org.hrsnn.api;

import org.hrsnn.study.Trial;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trial as the storage recorded it, frozen: its number, state, parameters, seed, value (what the objective
 * function returned; null unless complete), every metric recorded, and why it was pruned or failed.
 */
public record FrozenTrial(int number, Trial.State state, Map<String, Object> params, long seed, Double value, Map<String, Double> metrics, String reason) {
    public FrozenTrial {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    static FrozenTrial of(Trial t) {
        return new FrozenTrial(t.number(), t.state(), t.params(), t.seed(), t.state() == Trial.State.COMPLETE ? t.metric(Study.VALUE) : null, t.metrics(), t.reason());
    }
}
