package org.hrsnn.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hrsnn.opt.gp.GpSampler;
import org.hrsnn.problem.HrsnnProblem;
import org.hrsnn.problem.HrsnnStudies;
import org.hrsnn.score.MemoryProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A study records how its GP proposes (log EI up to 20 dimensions, Thompson sampling beyond) and resumes with
 * what it recorded: a study made when log EI was the default at every dimension keeps log EI.
 */
class RecordedProposerTest {
    @TempDir
    Path root;

    private static GpSampler.Variant variant(Study s) throws Exception {
        return ((GpSampler) new StudyRunner(s, HrsnnProblem.of(s.config())).sampler()).variant();
    }

    /** The study reopened after its study.json's sampler.acquisition was set to {@code acquisition} (removed when null). */
    private Study withAcquisition(String name, String acquisition) throws Exception {
        Path file = root.resolve(name).resolve(Study.CONFIG);
        ObjectMapper m = new ObjectMapper();
        ObjectNode config = (ObjectNode) m.readTree(file.toFile());
        ObjectNode sampler = (ObjectNode) config.get("sampler");
        if (acquisition == null) sampler.remove("acquisition");
        else sampler.put("acquisition", acquisition);
        Files.writeString(file, m.writerWithDefaultPrettyPrinter().writeValueAsString(config));
        return Study.open(root, name);
    }

    @Test
    void aStudyRecordsItsProposerAndResumesWithIt() throws Exception {
        Study high = HrsnnStudies.create(root, new HrsnnStudies.Request("high", Path.of("search-spaces/hrsnn-heterogeneous.yaml"), "memory-capacity",
                Objective.E, 1, 30, -1, true, MemoryProtocol.DEFAULT, "test"));
        assertTrue(high.space().dimension() > 20);
        assertEquals(GpSampler.THOMPSON, Study.open(root, "high").config().sampler().get("acquisition").asText(), "recorded in study.json");
        assertEquals(0, variant(high).thompsonAbove(), "Thompson sampling in the 34-D space");

        assertEquals(Integer.MAX_VALUE, variant(withAcquisition("high", GpSampler.LOG_EI)).thompsonAbove(),
                "log EI, as every study made before the change recorded, is kept at any dimension");
        assertEquals(GpSampler.Variant.DEFAULT.thompsonAbove(), variant(withAcquisition("high", null)).thompsonAbove(), "nothing recorded: the default");
        // A value the runner does not know, or a number where a name belongs, is refused when the study is opened.
        StudyException e = assertThrows(StudyException.class, () -> withAcquisition("high", "ucb"));
        assertTrue(e.getMessage().contains("study.json: field 'sampler.acquisition'") && e.getMessage().contains("\"ucb\""), e.getMessage());
        Path file = root.resolve("high").resolve(Study.CONFIG);
        Files.writeString(file, Files.readString(file).replace("\"acquisition\" : \"ucb\"", "\"acquisition\" : 3"));
        StudyException n = assertThrows(StudyException.class, () -> Study.open(root, "high"));
        assertTrue(n.getMessage().contains("field 'sampler.acquisition'") && n.getMessage().endsWith("got 3"), n.getMessage());
        IllegalArgumentException direct = assertThrows(IllegalArgumentException.class, () -> GpSampler.forRecorded(1, 5, "ucb"));
        assertTrue(direct.getMessage().contains("\"ucb\""), direct.getMessage());
    }

    @Test
    void theRecordedProposerFollowsTheDimension() {
        assertEquals(GpSampler.LOG_EI, GpSampler.acquisition(20));
        assertEquals(GpSampler.THOMPSON, GpSampler.acquisition(21));
    }
}
