package org.hrsnn.study;

import org.hrsnn.opt.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class SearchSpaceFilesTest {
    @TempDir
    Path dir;

    @Test
    void shippedSpacesLoad() throws Exception {
        var het = SearchSpaceFiles.read(Path.of("search-spaces/hrsnn-heterogeneous.yaml"));
        var hom = SearchSpaceFiles.read(Path.of("search-spaces/hrsnn-homogeneous.yaml"));
        assertEquals(34, het.space().dimension());
        assertEquals(27, hom.space().dimension());
        assertTrue(het.space().parameters().stream().map(Parameter::name).toList()
                .containsAll(hom.space().parameters().stream().map(Parameter::name).toList()), "the baseline searches a subset: the means");
        assertEquals(30, SearchSpaceFiles.read(Path.of("search-spaces/hrsnn-neurons-only.yaml")).space().dimension());
        assertEquals(31, SearchSpaceFiles.read(Path.of("search-spaces/hrsnn-stdp-only.yaml")).space().dimension());
        assertEquals(2, SearchSpaceFiles.read(Path.of("search-spaces/branin.yaml")).space().dimension());
        var tau = (Parameter.Float) het.space().parameters().stream().filter(p -> p.name().equals("tau_m_e_mean")).findFirst().orElseThrow();
        assertTrue(tau.log());
        assertEquals(20.0, tau.defaultValue());
    }

    static final String HEAD = "format: hrsnn-search-space\nversion: 1\nparameters:\n";

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> badEntries() {
        String[][] cases = {
                {"  - {name: tau, type: float, low: 0, high: 10, log: true}", "parameter 'tau', field 'low': must be > 0"},
                {"  - {name: tau, type: float, low: 5, high: 1}", "parameter 'tau', field 'high'"},
                {"  - {name: tau, type: float, high: 1}", "parameter 'tau', field 'low': must be a number (missing)"},
                {"  - {name: tau, type: flaot, low: 1, high: 2}", "parameter 'tau', field 'type'"},
                {"  - {name: tau, type: float, low: 1, high: 2, lgo: true}", "parameter 'tau': unknown field 'lgo'"},
                {"  - {name: n, type: int, low: 1.5, high: 4}", "parameter 'n', field 'low': must be a whole number"},
                {"  - {name: c, type: categorical, choices: []}", "parameter 'c', field 'choices'"},
                {"  - {name: d, type: fixed}", "parameter 'd', field 'value': is missing"},
                {"  - {type: float, low: 1, high: 2}", "parameter #1, field 'name': is missing"},
                {"  - {name: a, type: float, low: 1, high: 2}\n  - {name: a, type: int, low: 1, high: 2}", "parameter 'a', field 'name': is used twice"},
                {"  - {name: a, type: float, low: 1, high: 2, default: 3}", "parameter 'a', field 'default'"}};
        return java.util.Arrays.stream(cases).map(c -> org.junit.jupiter.params.provider.Arguments.of(c[0], c[1]));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("badEntries")
    void badEntriesNameFileParameterAndField(String entry, String expected) throws Exception {
        Path f = dir.resolve("space.yaml");
        Files.writeString(f, HEAD + entry + "\n");
        var e = assertThrows(SearchSpaceFiles.SpaceFileException.class, () -> SearchSpaceFiles.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void wrongFormatOrVersionOrSyntax() throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "format: other\nversion: 1\nparameters: []\n");
        assertTrue(assertThrows(Exception.class, () -> SearchSpaceFiles.read(f)).getMessage().contains("'format'"));
        Files.writeString(f, "format: hrsnn-search-space\nversion: 3\nparameters: [{name: a, type: fixed, value: 1}]\n");
        assertTrue(assertThrows(Exception.class, () -> SearchSpaceFiles.read(f)).getMessage().contains("'version'"));
        Files.writeString(f, "format: hrsnn-search-space\nversion: 1\nparameters: [{name: a, type: float, low: 1, high: 2}\n");
        assertTrue(assertThrows(Exception.class, () -> SearchSpaceFiles.read(f)).getMessage().contains("not valid YAML/JSON"));
    }
}
