package org.hrsnn.study;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;
import java.util.function.Predicate;

/**
 * Where a study's trials live, as typed operations: the engine ({@link StudyRunner}) says what happened to a
 * trial and the storage decides how it is written. Every operation is atomic across the threads and processes
 * sharing the study: two workers never claim one trial, and the first outcome recorded for a trial stands.
 * Backends: the JSON-lines journal ({@link Journal}, the default), SQLite and PostgreSQL.
 */
public interface Storage {
    /** Who runs a trial: its process ({@code pid@start}), thread, and host. */
    record Worker(String owner, String thread, String host) {}

    /**
     * A point the sampler proposed from a snapshot, to be claimed as a new trial.
     *
     * @param number the trial number it was proposed for, or -1 if any number will do (the storage takes the next)
     * @param seed   the trial's seed as a function of the number it gets
     */
    record Proposal(int number, Map<String, Object> params, double[] unit, IntToLongFunction seed) {}

    /**
     * What is known of an unfinished trial's worker: its host ({@code null} in journals written before hosts were
     * recorded) and when it was last heard of (its claim, heartbeat or intermediate result; null if never).
     */
    record Lease(Trial trial, String host, java.time.Instant lastSeen) {}

    /** Where the trials are, for messages: a file, or a database address without credentials. */
    String location();

    /** A consistent snapshot of every trial, in number order. */
    List<Trial> trials() throws IOException;

    /** The leases of the unfinished trials, from one snapshot. */
    List<Lease> leases() throws IOException;

    /** The events behind the trials, oldest first (for reports: the timeline of running and finished trials). */
    List<Journal.Event> events() throws IOException;

    /**
     * Re-claims an unfinished trial whose worker is {@code gone} (judged from its lease), for {@code worker}, with its recorded
     * parameters and seed; a trial whose workers died {@code maxDeaths} times is recorded as failed instead
     * (a poison trial). Returns the re-claimed trial, or null when there is none or the budget is met.
     */
    Trial claimStale(Worker worker, int budget, int maxDeaths, Predicate<Lease> gone) throws IOException;

    /** Says that {@code worker}'s process is still running these trials (those it no longer owns are skipped). */
    void heartbeat(Collection<Integer> trials, Worker worker) throws IOException;

    /**
     * Claims a new trial with the proposal's point: the next number, or null when finished and running trials
     * already meet the budget, or when {@code proposal.number()} is not -1 and that number is taken.
     */
    Trial claimNew(Worker worker, int budget, Proposal proposal) throws IOException;

    /**
     * Adds a trial with the proposal's point that no worker runs yet (the next number, or null when the budget
     * is met or {@code proposal.number()} is taken): the next claim of a stale trial takes it.
     */
    Trial enqueue(int budget, Proposal proposal) throws IOException;

    /** Records a first-stage result of a running trial (ignored once the trial has an outcome). */
    void intermediate(int trial, Map<String, Object> metrics, double seconds) throws IOException;

    /**
     * Records a trial's outcome (COMPLETE, PRUNED or FAILED); {@code metrics} may be null. Returns false, and
     * writes nothing, when the trial already has one (the first outcome stands).
     */
    boolean finish(int trial, Trial.State outcome, Map<String, Object> metrics, String reason, double seconds) throws IOException;

    /** Gives unfinished trials back (a stopped worker): they are re-run without counting a death. */
    void release(Collection<Integer> trials) throws IOException;
}
