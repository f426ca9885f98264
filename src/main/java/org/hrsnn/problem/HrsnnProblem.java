package org.hrsnn.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hrsnn.model.NetworkSpec;
import org.hrsnn.opt.SearchSpace;
import org.hrsnn.score.MemoryEvaluation;
import org.hrsnn.score.MemoryProtocol;
import org.hrsnn.score.PredictionEvaluation;
import org.hrsnn.score.Tasks;
import org.hrsnn.score.TrialEvaluator;
import org.hrsnn.study.Objective;
import org.hrsnn.study.Problem;
import org.hrsnn.study.Ranking;
import org.hrsnn.study.SearchSpaceFiles;
import org.hrsnn.study.StudyConfig;
import org.hrsnn.study.StudyException;
import org.hrsnn.study.Trial;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HRSNN search as a study problem: a point of a {@link DesignSpace} becomes a design, which is scored
 * in stages (S, MC and E with their controls; then the task with its baseline) under the protocol the
 * study recorded.
 */
public final class HrsnnProblem implements Problem {
    private final StudyConfig config;
    private final DesignSpace space;
    private final MemoryProtocol protocol;
    private final Tasks.Task task;
    private final Tasks.Source source;
    private final TrialEvaluator evaluator;
    /** Whether the task objective prunes activity failures before the task stage ({@link #ACTIVITY_GATE}). */
    private final boolean activityGate;
    /** Where the task stage runs ahead, alongside the memory stage; null: one stage after the other. */
    private final java.util.concurrent.ExecutorService ahead;

    private HrsnnProblem(StudyConfig config, DesignSpace space, MemoryProtocol protocol, Tasks.Task task, Tasks.Source source,
                         PredictionEvaluation.StatesPenalty penalty, boolean activityGate) {
        this.config = config;
        this.space = space;
        this.protocol = protocol;
        this.task = task;
        this.source = source;
        this.evaluator = new TrialEvaluator(task, source, config.evaluation().get("data"), 1, penalty);
        this.activityGate = activityGate;
        this.ahead = null;
    }

    private HrsnnProblem(HrsnnProblem p, java.util.concurrent.ExecutorService ahead) {
        this.config = p.config;
        this.space = p.space;
        this.protocol = p.protocol;
        this.task = p.task;
        this.source = p.source;
        this.evaluator = p.evaluator;
        this.activityGate = p.activityGate;
        this.ahead = ahead;
    }

    /**
     * This problem with {@code threads} threads per trial (at least 1). With 2 or more, a trial that will need
     * its task stage starts it at once on a second thread, beside the memory stage, and drops it if the memory
     * stage prunes the trial: the outcome is the same, only sooner (the stages are independent, see
     * {@link TrialEvaluator#taskAhead}). The threads are daemons, shared by the study's workers.
     */
    public HrsnnProblem withTrialThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads per trial must be >= 1, got " + threads);
        if (threads == 1) return ahead == null ? this : new HrsnnProblem(this, null);
        if (ahead != null) return this;
        return new HrsnnProblem(this, java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hrsnn-task-stage");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Threads per trial by default: the cores left to each of {@code workers} workers (at least 1). */
    public static int defaultTrialThreads(int workers) {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, workers));
    }

    /** The field of the evaluation settings that names the prediction readout's penalty rule. */
    static final String STATES_PENALTY = "statesPenalty";
    /**
     * The field that says the task objective, too, prunes a candidate that fails the memory stage's activity
     * checks (silent, near-silent, saturated, runaway) before its task stage; studies created before it had
     * those scored on the task (a silent network's voltages are a bank of linear filters, and one was the best
     * NARMA-10 design of a study), and resume so.
     */
    static final String ACTIVITY_GATE = "taskNeedsActivity";

    /**
     * The evaluation settings a new study records: the memory protocol, the task and its data's identity
     * (read here, so that data that cannot be used are refused before the study exists).
     */
    public static ObjectNode evaluationSettings(String task, Tasks.Source source, MemoryProtocol protocol) throws IOException {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("memory", Protocols.toJson(protocol));
        o.put("task", task);
        o.put(STATES_PENALTY, PredictionEvaluation.StatesPenalty.TAIL.label());
        o.put(ACTIVITY_GATE, true);
        ObjectNode data = Tasks.load(Tasks.get(task), source, null).identity();
        if (data != null) o.set("data", data);
        return o;
    }

    /**
     * The states' penalty rule that recorded evaluation settings (a study's, or an exported design's
     * provenance) name; settings recorded before the rule existed name none and used GCV.
     */
    public static PredictionEvaluation.StatesPenalty statesPenalty(JsonNode evaluation) {
        JsonNode rule = evaluation.path(STATES_PENALTY);
        if (rule.isMissingNode()) return PredictionEvaluation.StatesPenalty.GCV;
        PredictionEvaluation.StatesPenalty p = rule.isTextual() ? PredictionEvaluation.StatesPenalty.of(rule.asText()) : null;
        if (p == null) throw new IllegalArgumentException("must be \"tail\" or \"gcv\", got " + rule);
        return p;
    }

    /** Checks a configuration before a study is made from it (for {@code Study.create}). */
    public static void check(StudyConfig c, SearchSpace s) throws StudyException {
        of(c);
    }

    /** The problem of a study, or why this hrsnn cannot evaluate it. */
    public static HrsnnProblem of(StudyConfig c) throws StudyException {
        if (c.evaluation() == null)
            throw new StudyException("study '" + c.name() + "' was made by " + (c.tool().isEmpty() ? "an earlier hrsnn" : c.tool())
                    + " (study format 1): its search space names parameters of a fixed mapping that no longer exists, and its memory"
                    + " capacity was measured from 20 ms filtered spike trains, which remember by themselves (a memoryless relay scored"
                    + " about 0.3). Its trials can still be listed (status, trials, best), but it cannot be resumed or exported:"
                    + " create a new study with a current search space (search-spaces/).");
        Tasks.Task task;
        Tasks.Source source;
        try {
            task = Tasks.get(c.task());
            source = Tasks.check(task, Tasks.recorded(task, c.evaluation().get("data")));
        } catch (IllegalArgumentException e) {
            throw new StudyException("study '" + c.name() + "' (study.json, field 'task' or 'evaluation.data'): " + e.getMessage(), e);
        }
        if (c.objective() == Objective.MINIMIZE || c.objective() == Objective.MAXIMIZE)
            throw new StudyException("objective " + c.objective().label() + " is for studies of the Java API; an HRSNN study's objective is e, e-then-task, task, gain, mc or pareto");
        if (!task.hasTaskStage() && c.objective() != Objective.E && c.objective() != Objective.MC)
            throw new StudyException("the memory-capacity task has no task stage: use objective e or mc");
        MemoryProtocol p;
        try {
            p = Protocols.fromJson(c.evaluation().get("memory"), "study.json: evaluation.memory");
        } catch (IllegalArgumentException e) {
            throw new StudyException(e.getMessage(), e);
        }
        PredictionEvaluation.StatesPenalty penalty;
        try {
            penalty = statesPenalty(c.evaluation());
        } catch (IllegalArgumentException e) {
            throw new StudyException("study '" + c.name() + "' (study.json, field 'evaluation." + STATES_PENALTY + "'): " + e.getMessage(), e);
        }
        JsonNode gate = c.evaluation().path(ACTIVITY_GATE);
        if (!gate.isMissingNode() && !gate.isBoolean())
            throw new StudyException("study '" + c.name() + "' (study.json, field 'evaluation." + ACTIVITY_GATE + "'): must be true or false, got " + gate);
        try {
            SearchSpace s = SearchSpaceFiles.fromTree(c.spaceSource(), c.space(), c.spaceSource()).space();
            return new HrsnnProblem(c, DesignSpace.of(c.spaceSource(), c.space(), s), p, task, source, penalty, gate.asBoolean(false));
        } catch (SearchSpaceFiles.SpaceFileException e) {
            throw new StudyException(e.getMessage(), e);
        }
    }

    /**
     * Reads the study's data and checks them against the identity it recorded: a file that has changed
     * (another SHA-256), gone or become unreadable is refused, naming it. Run before trials are run.
     */
    public void loadData() throws StudyException {
        try {
            evaluator.data();
        } catch (IOException e) {
            throw new StudyException("study '" + config.name() + "': " + e.getMessage(), e);
        }
    }

    /** The task's definition. */
    public Tasks.Task task() {
        return task;
    }

    /** The options that name the study's data ({@code --train F --test F}, ...), for {@code hrsnn evaluate}. */
    public java.util.List<String> dataArguments() {
        return source.arguments();
    }

    public DesignSpace space() {
        return space;
    }

    public MemoryProtocol protocol() {
        return protocol;
    }

    /** The network a trial's task reads out: built from its design and seed, trained by the task's STDP phase, frozen. */
    public org.hrsnn.sim.Network trainedNetwork(Map<String, ?> params, long seed) throws IOException {
        return evaluator.trainedNetwork(space.design(params), seed, protocol);
    }

    /** The task's evaluator (its data, once read, are shared). */
    public TrialEvaluator evaluator() {
        return evaluator;
    }

    /** The design a trial evaluated. */
    public NetworkSpec design(Map<String, ?> params) {
        return space.design(params);
    }

    @Override
    public String stageMetric() {
        return "e";
    }

    @Override
    public Outcome evaluate(Map<String, Object> params, long seed, Checkpoint checkpoint) throws IOException {
        Map<String, Object> metrics = new LinkedHashMap<>();
        NetworkSpec spec;
        try {
            spec = space.design(params);
        } catch (IllegalArgumentException e) {
            return new Outcome(Trial.State.FAILED, metrics, "invalid design: " + e.getMessage());
        }
        Objective obj = config.objective();
        boolean taskDriven = obj == Objective.TASK || obj == Objective.GAIN;
        boolean taskStage = task.hasTaskStage() && obj != Objective.E && obj != Objective.MC;
        try (TrialEvaluator.Ahead<TrialEvaluator.TaskScore> early = taskStage && ahead != null ? evaluator.taskAhead(spec, seed, protocol, ahead) : null) {
            MemoryEvaluation.Result m = evaluator.memory(spec, seed, protocol);
            metrics.put("s", m.activity().meanRate());
            if (m.runaway()) return new Outcome(Trial.State.PRUNED, metrics, m.failure()); // stopped early; no stage is worth running on it
            metrics.put("silentFraction", m.activity().silentFraction());
            metrics.put("maxRate", m.activity().maxRate());
            if (m.memory() != null) {
                metrics.put("mc", m.memory().total());
                metrics.put("mcCurrent", m.memory().current());
                metrics.put("mcShuffled", m.controls().shuffled());
                metrics.put("mcInputOnly", m.controls().inputOnly());
                metrics.put("mcCurve", m.memory().curve());
            }
            if (!m.failed()) metrics.put("e", m.e());
            if (m.failed() && (!taskDriven || activityGate && m.activityFailure())) return new Outcome(Trial.State.PRUNED, metrics, m.failure());
            if (!taskStage) return new Outcome(Trial.State.COMPLETE, metrics, null);
            String prune = checkpoint.report(metrics, m.failed() ? Double.NaN : m.e());
            if (prune != null) return new Outcome(Trial.State.PRUNED, metrics, prune);
            TrialEvaluator.TaskScore s = early != null ? early.get() : evaluator.task(spec, seed, protocol);
            metrics.put(s.metric(), s.value());
            metrics.put("baseline", s.baseline());
            if (!Double.isNaN(s.strongBaseline())) metrics.put("strongBaseline", s.strongBaseline());
            if (!Double.isNaN(s.stacked().value())) {
                metrics.put("stacked", s.stacked().value());
                metrics.put("stackedNull", s.stacked().nullValue());
            }
            if (!Double.isFinite(s.value())) return new Outcome(Trial.State.FAILED, metrics, s.metric() + " is " + s.value());
            if (obj == Objective.GAIN && Double.isNaN(s.stacked().value()))
                return new Outcome(Trial.State.FAILED, metrics, "no stacked readout (too few training samples to cross-fit its first stage), so no gain to optimise");
            return new Outcome(Trial.State.COMPLETE, metrics, null);
        }
    }

    /** (log E, task loss) for the pareto objective; null for the others. */
    @Override
    public double[] losses(Trial t) {
        if (config.objective() != Objective.PARETO) return null;
        Double e = t.metric("e"), v = task.metric() == null ? null : t.metric(task.metric());
        return new double[] {e != null && Double.isFinite(e) && e > 0 ? Math.log(e) : Double.NaN, v != null && Double.isFinite(v) ? task.loss(v) : Double.NaN};
    }

    /** log E for the E objectives (and the pareto objective's first); the task's metric oriented to be minimised (minus accuracy, or NRMSE) for the task objective; minus the gain over the raw input for the gain objective; minus MC for the MC objective; NaN when missing. */
    @Override
    public double loss(Trial t) {
        if (config.objective() == Objective.MC) {
            Double mc = t.metric("mc");
            return mc != null && Double.isFinite(mc) && t.state() == Trial.State.COMPLETE ? -mc : Double.NaN;
        }
        if (config.objective() == Objective.TASK) {
            Double v = task.metric() == null ? null : t.metric(task.metric());
            return v != null && Double.isFinite(v) ? task.loss(v) : Double.NaN;
        }
        if (config.objective() == Objective.GAIN) {
            Double g = t.state() == Trial.State.COMPLETE ? Ranking.gain(t) : null;
            return g == null ? Double.NaN : -g;
        }
        Double e = t.metric("e");
        return e != null && Double.isFinite(e) && e > 0 ? Math.log(e) : Double.NaN;
    }
}
