package org.hrsnn.problem;

import org.hrsnn.score.MemoryProtocol;
import org.hrsnn.sim.StateKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Protocol files: any subset of the fields over the defaults, and bad files named with file and field. */
class ProtocolsTest {
    @TempDir
    Path dir;

    @Test
    void fieldsNotGivenKeepTheirDefaults() throws Exception {
        Path f = Files.writeString(dir.resolve("p.yaml"), "states: voltage+counts\ninputs: 2000\nholdMs: 20\n");
        MemoryProtocol p = Protocols.read(f);
        MemoryProtocol d = MemoryProtocol.DEFAULT;
        assertEquals(List.of(StateKind.VOLTAGE, StateKind.COUNTS), p.states());
        assertEquals(2000, p.inputs());
        assertEquals(20.0, p.holdMs());
        assertEquals(new MemoryProtocol(d.trainingInputs(), d.washout(), 2000, d.trainFraction(), d.delays(), 20, p.states(), d.mcFloor(), d.minRate(), d.maxRate()), p);
        assertEquals(p, Protocols.fromJson(Protocols.toJson(p), "x"), "what a study records reads back the same");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "speed: 3                 | unknown field 'speed'",
            "inputs: 2.7              | .inputs: must be a whole number, got 2.7",
            "inputs: abc              | .inputs: must be a whole number",
            "trainFraction: 1.5       | trainFraction must be in (0, 1), got 1.5",
            "states: spikes           | spikes",
            "states: [voltage]        | .states: must be text",
            "minRate: x               | .minRate: must be a number",
            "maxRate: fast            | .maxRate: must be a rate in Hz above minRate, or \"none\", got \"fast\"",
            "maxRate: 0.5             | maxRate must be above minRate (1.0 Hz), got 0.5",
            "maxRate: -3              | maxRate must be above minRate",
            "delays: 0                | delays must be >= 1, got 0",
            "[1, 2]                   | must be an object",
            "'inputs: [1'             | not valid YAML/JSON"})
    void badFilesNameTheFileAndTheField(String content, String message) throws Exception {
        Path f = Files.writeString(dir.resolve("bad.yaml"), content.startsWith("'") ? content.substring(1, content.length() - 1) : content);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Protocols.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void theActivityCeilingIsANumberOrNoneAndAProtocolRecordedBeforeItHasNone() throws Exception {
        assertEquals(100.0, MemoryProtocol.DEFAULT.maxRate(), "the default ceiling docs/scoring.md justifies");
        MemoryProtocol p = Protocols.read(Files.writeString(dir.resolve("c.yaml"), "maxRate: 250\n"));
        assertEquals(250.0, p.maxRate());
        assertEquals(p, Protocols.fromJson(Protocols.toJson(p), "x"));
        MemoryProtocol none = Protocols.read(Files.writeString(dir.resolve("n.yaml"), "maxRate: none\n"));
        assertFalse(none.hasCeiling());
        assertEquals("none", Protocols.toJson(none).get("maxRate").asText());
        assertEquals(none, Protocols.fromJson(Protocols.toJson(none), "x"), "no ceiling reads back as none");
        var old = Protocols.toJson(MemoryProtocol.DEFAULT);
        old.remove("maxRate");
        assertEquals(Double.POSITIVE_INFINITY, Protocols.fromJson(old, "study.json").maxRate(), "studies recorded before the ceiling resume without one");
    }

    /** A recorded protocol (study.json, exported designs) gets the same type checks as a protocol file: nothing is coerced. */
    @Test
    void aRecordedProtocolWithAWrongTypeIsRefusedNotCoerced() {
        var o = Protocols.toJson(MemoryProtocol.DEFAULT);
        o.put("minRate", "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Protocols.fromJson(o, "study.json: evaluation.memory"));
        assertEquals("study.json: evaluation.memory.minRate: must be a number, got \"x\"", e.getMessage());
        o.put("minRate", 1.0).putArray("states").add("voltage");
        e = assertThrows(IllegalArgumentException.class, () -> Protocols.fromJson(o, "study.json: evaluation.memory"));
        assertTrue(e.getMessage().startsWith("study.json: evaluation.memory.states: must be text"), e.getMessage());
    }
}
