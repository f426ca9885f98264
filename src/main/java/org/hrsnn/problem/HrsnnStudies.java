package org.hrsnn.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hrsnn.opt.gp.AcquisitionOptimizer;
import org.hrsnn.opt.gp.GpSampler;
import org.hrsnn.score.MemoryProtocol;
import org.hrsnn.score.Tasks;
import org.hrsnn.study.Objective;
import org.hrsnn.study.SearchSpaceFiles;
import org.hrsnn.study.Study;
import org.hrsnn.study.StudyConfig;
import org.hrsnn.study.StudyException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/** Making HRSNN studies: the space file read with its template inlined, the settings recorded. */
public final class HrsnnStudies {
    private HrsnnStudies() {}

    /** What a new study is made of. */
    public record Request(String name, Path spaceFile, String task, Tasks.Source data, Objective objective, long seed, int trials, int initialPoints,
                          boolean enqueueDefaults, MemoryProtocol protocol, String tool) {
        /** A task whose data ship with hrsnn or are generated. */
        public Request(String name, Path spaceFile, String task, Objective objective, long seed, int trials, int initialPoints,
                       boolean enqueueDefaults, MemoryProtocol protocol, String tool) {
            this(name, spaceFile, task, Tasks.Source.NONE, objective, seed, trials, initialPoints, enqueueDefaults, protocol, tool);
        }
    }

    /** Creates a study in the journal folder {@code root}. */
    public static Study create(java.nio.file.Path root, Request r) throws StudyException {
        return create(org.hrsnn.study.StorageUrl.journal(root), r);
    }

    /** Creates a study in the storage at {@code root} (a journal folder or a database). */
    public static Study create(org.hrsnn.study.StorageUrl root, Request r) throws StudyException {
        JsonNode tree;
        ObjectNode evaluation;
        int dimension;
        try {
            Tasks.check(Tasks.get(r.task()), r.data());
        } catch (IllegalArgumentException e) {
            throw new StudyException(e.getMessage(), e);
        }
        try {
            tree = DesignSpace.inlineTemplate(r.spaceFile(), SearchSpaceFiles.tree(r.spaceFile()));
            dimension = SearchSpaceFiles.fromTree(r.spaceFile().toString(), tree, r.spaceFile().toString()).space().dimension();
            evaluation = HrsnnProblem.evaluationSettings(r.task(), r.data(), r.protocol());
        } catch (SearchSpaceFiles.SpaceFileException e) {
            throw new StudyException(e.getMessage(), e);
        } catch (Tasks.DataException e) {
            throw new StudyException(e.getMessage(), e);
        } catch (IOException e) {
            throw new StudyException("cannot read the data of task '" + r.task() + "': " + e.getMessage(), e);
        }
        StudyConfig c = new StudyConfig(r.name(), r.spaceFile().toString(), tree, r.task(), r.objective(), r.seed(), r.trials(),
                r.initialPoints(), r.enqueueDefaults(), Instant.now().toString(), r.tool(), evaluation,
                samplerSettings(r.initialPoints(), dimension));
        return Study.create(root, c, HrsnnProblem::check);
    }

    /**
     * The GP-BO sampler's settings as recorded. The runner reads {@code acquisition} back
     * ({@link org.hrsnn.study.StudyRunner}): a study resumes with the proposer it was made with, so studies made
     * before Thompson sampling became the default above 20 dimensions (which recorded log EI) keep log EI.
     */
    static ObjectNode samplerSettings(int initialPoints, int dimension) {
        var a = AcquisitionOptimizer.Settings.DEFAULT;
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("type", "gp-bo").put("kernel", "matern-5/2 ARD").put("acquisition", GpSampler.acquisition(dimension)).put("region", "trust region")
                .put("initialPoints", initialPoints).put("initialDesign", "scrambled Sobol");
        o.putObject("acquisitionSearch").put("population", a.population()).put("generations", a.generations())
                .put("steadyGenerations", a.steadyGenerations()).put("refinementEvaluations", a.refinementEvaluations());
        return o;
    }
}
