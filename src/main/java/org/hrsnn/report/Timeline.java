package org.hrsnn.report;

import org.hrsnn.study.Journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When each trial ran, from the journal's time stamps: it starts at its last "running" event and ends at
 * its "complete", "pruned" or "failed" event. Each worker (a thread of a process, named in the "running"
 * event) has its own lane. Journals written before the worker was recorded name only the process: its
 * trials are laid on lanes by taking the lowest lane free when a trial starts, which needs exactly as many
 * lanes as trials ran at once.
 *
 * @param start seconds after the study's first event
 * @param end   seconds after the study's first event; for a trial still running, the last event's time
 */
public record Timeline(List<Bar> bars, int lanes, double seconds) {
    public record Bar(int trial, String state, String owner, int lane, double start, double end) {}

    public static Timeline of(List<Journal.Event> events) {
        if (events.isEmpty()) return new Timeline(List.of(), 0, 0);
        Instant first = time(events.get(0)), last = first;
        Map<Integer, double[]> span = new LinkedHashMap<>();
        Map<Integer, String> state = new LinkedHashMap<>(), owner = new LinkedHashMap<>(), worker = new LinkedHashMap<>();
        for (Journal.Event e : events) {
            Instant t = time(e);
            if (t.isAfter(last)) last = t;
            double s = (t.toEpochMilli() - first.toEpochMilli()) / 1000.0;
            switch (e.kind()) {
                case "running" -> {
                    span.put(e.trial(), new double[] {s, Double.NaN});
                    state.put(e.trial(), "running");
                    owner.put(e.trial(), e.body().path("owner").asText(""));
                    worker.put(e.trial(), e.body().path("worker").asText(""));
                }
                case "complete", "pruned", "failed" -> {
                    double[] sp = span.get(e.trial());
                    if (sp == null) continue; // finished without a recorded start: no bar to draw
                    sp[1] = s;
                    state.put(e.trial(), e.kind());
                }
                default -> { }
            }
        }
        double end = (last.toEpochMilli() - first.toEpochMilli()) / 1000.0;
        record Open(int trial, double start, double end, String owner, String worker) {}
        Map<String, List<Open>> byOwner = new java.util.TreeMap<>();
        span.forEach((n, sp) -> byOwner.computeIfAbsent(owner.get(n), k -> new ArrayList<>())
                .add(new Open(n, sp[0], Double.isNaN(sp[1]) ? end : sp[1], owner.get(n), worker.get(n))));
        List<Bar> bars = new ArrayList<>();
        int base = 0;
        for (List<Open> open : byOwner.values()) { // each process's lanes follow the previous process's
            open.sort(Comparator.comparingDouble(Open::start).thenComparingInt(Open::trial));
            int lanes;
            if (open.stream().noneMatch(o -> o.worker().isEmpty())) {
                List<String> workers = open.stream().map(Open::worker).distinct().sorted().toList();
                for (Open o : open) bars.add(new Bar(o.trial(), state.get(o.trial()), o.owner(), base + workers.indexOf(o.worker()), o.start(), o.end()));
                lanes = workers.size();
            } else {
                List<Double> laneFree = new ArrayList<>();
                for (Open o : open) {
                    int lane = 0;
                    while (lane < laneFree.size() && laneFree.get(lane) > o.start()) lane++;
                    if (lane == laneFree.size()) laneFree.add(o.end());
                    else laneFree.set(lane, o.end());
                    bars.add(new Bar(o.trial(), state.get(o.trial()), o.owner(), base + lane, o.start(), o.end()));
                }
                lanes = laneFree.size();
            }
            base += lanes;
        }
        bars.sort(Comparator.comparingInt(Bar::trial));
        return new Timeline(bars, base, end);
    }

    private static Instant time(Journal.Event e) {
        String t = e.body().path("time").asText("");
        try {
            return Instant.parse(t);
        } catch (RuntimeException x) {
            throw new IllegalArgumentException("journal event of trial " + e.trial() + " has no valid time ('" + t + "')");
        }
    }
}
