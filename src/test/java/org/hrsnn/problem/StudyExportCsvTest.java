package org.hrsnn.problem;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.hrsnn.study.Objective;
import org.hrsnn.study.Study;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The columns of trials.csv and of 'study trials --format csv'. */
class StudyExportCsvTest {
    @TempDir
    Path root;

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void columnsAreTrialFieldsKnownMetricsOtherMetricsByNameThenParameters() throws Exception {
        Study s = HrsnnStudies.create(root, new HrsnnStudies.Request("csv", StudyLifecycleTest.SPACE, "japanese-vowels", Objective.E_THEN_TASK, 1, 3, 1, true,
                StudyLifecycleTest.SHORT, "test"));
        Map<String, Object> p0 = Map.of("tau_m_e_mean", 25.0, "tau_m_e_shape", 2.0, "w_ee", 1.5, "input_scale", 3.0);
        s.journal().locked(session -> {
            var c = JSON.createObjectNode();
            c.set("params", JSON.valueToTree(p0));
            c.set("unit", JSON.valueToTree(s.space().toUnit(p0)));
            c.put("seed", 77);
            session.append("created", 0, c);
            session.append("running", 0, JSON.createObjectNode().put("owner", "1@x"));
            var done = JSON.createObjectNode().put("seconds", 1.23456);
            done.putObject("metrics").put("zeta", 9.0).put("accuracy", 0.75).put("e", 4.0).put("s", 8.0).put("mc", 2.0).put("alpha", -1.0)
                    .put("baseline", 0.5).putArray("mcCurve").add(0.5).add(0.25);
            session.append("complete", 0, done);
            return null;
        });
        String csv = StudyExport.csv(s, s.trials());
        String header = csv.lines().findFirst().orElseThrow();
        assertEquals("trial,state,seed,seconds,reason,"
                + "s,silentFraction,maxRate,mc,mcCurrent,mcShuffled,mcInputOnly,e,accuracy,nrmse,baseline,strongBaseline,stacked,stackedNull,"
                + "alpha,zeta,"
                + "tau_m_e_mean,tau_m_e_shape,w_ee,input_scale", header, "the MC curve is not a column");
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            rows = it.readAll();
        }
        assertEquals(1, rows.size());
        Map<String, String> r = rows.get(0);
        assertEquals("0", r.get("trial"));
        assertEquals("complete", r.get("state"));
        assertEquals("77", r.get("seed"));
        assertEquals("1.235", r.get("seconds"));
        assertEquals("", r.get("reason"));
        assertEquals("4.0", r.get("e"));
        assertEquals("0.75", r.get("accuracy"));
        assertEquals("", r.get("nrmse"), "not measured: empty");
        assertEquals("-1.0", r.get("alpha"));
        assertEquals("9.0", r.get("zeta"));
        assertEquals("25.0", r.get("tau_m_e_mean"));
        assertEquals("3.0", r.get("input_scale"));
    }
}
