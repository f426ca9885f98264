package org.hrsnn.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The {@link Storage} operations as events in an {@link EventLog}: {@code created} (params, unit, seed),
 * {@code running} (owner, worker, host; {@code rerun} when re-claimed), {@code intermediate}, {@code complete},
 * {@code pruned}, {@code failed}, {@code released}. Each operation reads the events and appends inside one
 * exclusive section of the log, so its decision (the next number, whether a trial already has an outcome)
 * cannot be raced. The events are what {@link TrialStates#replay} reads: one format for every backend.
 */
public final class EventStorage implements Storage {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventLog log;

    public EventStorage(EventLog log) {
        this.log = log;
    }

    public EventLog log() {
        return log;
    }

    @Override
    public String location() {
        return log.location();
    }

    @Override
    public List<Trial> trials() throws IOException {
        return replay(log.read());
    }

    @Override
    public List<Lease> leases() throws IOException {
        List<Journal.Event> events = log.read();
        return replay(events).stream().filter(t -> !t.finished()).map(t -> lease(events, t)).toList();
    }

    @Override
    public List<Journal.Event> events() throws IOException {
        return log.read();
    }

    /** {@link TrialStates#replay}, with a contradiction reported as a corrupt record of the log. */
    List<Trial> replay(List<Journal.Event> events) throws Journal.CorruptJournalException {
        try {
            return TrialStates.replay(events);
        } catch (TrialStates.ConflictException e) {
            throw log.conflict(e.index, e.getMessage());
        }
    }

    /** How many workers died running trial {@code number}: its "running" events since it was last released. */
    static int deaths(List<Journal.Event> events, int number) {
        int n = 0;
        for (Journal.Event e : events)
            if (e.trial() == number) {
                if (e.kind().equals("running")) n++;
                else if (e.kind().equals("released")) n = 0;
            }
        return n;
    }

    /** The lease of unfinished trial {@code t}: the host of its last claim and the last time it was heard of since. */
    static Lease lease(List<Journal.Event> events, Trial t) {
        String host = null;
        java.time.Instant seen = null;
        for (Journal.Event e : events) {
            if (e.trial() != t.number()) continue;
            switch (e.kind()) {
                case "running" -> {
                    host = e.body().hasNonNull("host") ? e.body().get("host").asText() : null;
                    seen = time(e);
                }
                case "heartbeat", "intermediate" -> {
                    java.time.Instant at = time(e);
                    if (at != null && (seen == null || at.isAfter(seen))) seen = at;
                }
                case "released" -> {
                    host = null;
                    seen = null;
                }
                default -> { }
            }
        }
        return new Lease(t, host, seen);
    }

    private static java.time.Instant time(Journal.Event e) {
        try {
            return java.time.Instant.parse(e.body().path("time").asText());
        } catch (java.time.format.DateTimeParseException x) {
            return null; // no time: never heard of, so stale once its process is not found
        }
    }

    @Override
    public Trial claimStale(Worker worker, int budget, int maxDeaths, Predicate<Lease> gone) throws IOException {
        return log.locked(s -> {
            while (true) {
                List<Trial> trials = replay(s.events());
                if (trials.stream().filter(Trial::finished).count() >= budget) return null;
                Trial stale = trials.stream().filter(t -> !t.finished() && gone.test(lease(s.events(), t))).findFirst().orElse(null);
                if (stale == null) return null;
                int deaths = deaths(s.events(), stale.number());
                if (deaths >= maxDeaths) { // a poison trial: it would kill every run that resumes it
                    s.append("failed", stale.number(), JSON.createObjectNode().put("reason", "its worker process died " + deaths
                            + " times while running it (killed, or out of memory); not re-run").put("seconds", 0.0));
                    continue;
                }
                s.append("running", stale.number(), running(worker).put("rerun", true));
                return running(stale, worker);
            }
        });
    }

    @Override
    public Trial claimNew(Worker worker, int budget, Proposal p) throws IOException {
        return log.locked(s -> {
            List<Trial> trials = replay(s.events());
            long busy = trials.stream().filter(t -> t.finished() || t.state() == Trial.State.RUNNING).count();
            int n = trials.size();
            if (busy >= budget || (p.number() >= 0 && p.number() != n)) return null;
            long seed = p.seed().applyAsLong(n);
            s.append("created", n, created(p, seed));
            s.append("running", n, running(worker));
            return new Trial(n, Trial.State.RUNNING, p.params(), p.unit(), seed, Map.of(), null, worker.owner(), 0, null);
        });
    }

    @Override
    public Trial enqueue(int budget, Proposal p) throws IOException {
        return log.locked(s -> {
            List<Trial> trials = replay(s.events());
            int n = trials.size();
            if (n >= budget || (p.number() >= 0 && p.number() != n)) return null; // every trial, run or not, counts against the budget
            long seed = p.seed().applyAsLong(n);
            s.append("created", n, created(p, seed));
            return new Trial(n, Trial.State.CREATED, p.params(), p.unit(), seed, Map.of(), null, null, 0, null);
        });
    }

    /** The body of a trial's "created" event: its parameters, their point of the unit cube, and its seed. */
    private static ObjectNode created(Proposal p, long seed) {
        ObjectNode created = JSON.createObjectNode();
        created.set("params", JSON.valueToTree(p.params()));
        created.set("unit", JSON.valueToTree(p.unit()));
        created.put("seed", seed);
        return created;
    }

    private static ObjectNode running(Worker w) {
        ObjectNode o = JSON.createObjectNode().put("owner", w.owner()).put("worker", w.thread()); // the worker: for the report's timeline
        if (w.host() != null) o.put("host", w.host());
        return o;
    }

    private static Trial running(Trial t, Worker w) {
        return new Trial(t.number(), Trial.State.RUNNING, t.params(), t.unit(), t.seed(), t.metrics(), null, w.owner(), 0, t.mcCurve());
    }

    @Override
    public void intermediate(int trial, Map<String, Object> metrics, double seconds) throws IOException {
        append(trial, "intermediate", metrics, null, seconds);
    }

    @Override
    public boolean finish(int trial, Trial.State outcome, Map<String, Object> metrics, String reason, double seconds) throws IOException {
        if (outcome != Trial.State.COMPLETE && outcome != Trial.State.PRUNED && outcome != Trial.State.FAILED)
            throw new IllegalArgumentException("an outcome is complete, pruned or failed, not " + outcome);
        return append(trial, outcome.name().toLowerCase(Locale.ROOT), metrics, reason, seconds);
    }

    /** Appends a result unless the trial already has an outcome (the first outcome stands). */
    private boolean append(int trial, String kind, Map<String, Object> metrics, String reason, double seconds) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        if (metrics != null) body.set("metrics", JSON.valueToTree(metrics));
        if (reason != null) body.put("reason", reason);
        body.put("seconds", seconds);
        return log.locked(s -> {
            boolean finished = replay(s.events()).stream().anyMatch(x -> x.number() == trial && x.finished());
            if (finished) return false;
            s.append(kind, trial, body);
            return true;
        });
    }

    @Override
    public void heartbeat(Collection<Integer> numbers, Worker worker) throws IOException {
        if (numbers.isEmpty()) return;
        log.locked(s -> {
            for (Trial t : replay(s.events()))
                if (numbers.contains(t.number()) && t.state() == Trial.State.RUNNING && worker.owner().equals(t.owner()))
                    s.append("heartbeat", t.number(), JSON.createObjectNode().put("owner", worker.owner()));
            return null;
        });
    }

    @Override
    public void release(Collection<Integer> numbers) throws IOException {
        if (numbers.isEmpty()) return;
        log.locked(s -> {
            for (Trial t : replay(s.events()))
                if (numbers.contains(t.number()) && !t.finished()) s.append("released", t.number(), JSON.createObjectNode());
            return null;
        });
    }
}
