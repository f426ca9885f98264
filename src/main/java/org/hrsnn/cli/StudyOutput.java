package org.hrsnn.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.hrsnn.export.DesignFiles;
import org.hrsnn.study.TrialTable;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The output formats of {@code study status|trials|best}: a table for people, CSV, JSON and YAML for programs. */
final class StudyOutput {
    enum Format {
        TABLE, CSV, JSON, YAML;

        static final String NAMES = "table, csv, json or yaml";

        /** Case-insensitive. */
        static Format parse(String s) {
            for (Format f : values()) if (f.name().equalsIgnoreCase(s.strip())) return f;
            throw new Main.BadInputException("--format must be " + NAMES + ", got '" + s + "'");
        }
    }

    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS).build();

    private StudyOutput() {}

    /** Writes a tree of maps, lists and values as JSON or YAML. */
    static void tree(PrintWriter out, Format f, Object value) {
        ObjectMapper m = f == Format.YAML ? YAML : DesignFiles.mapper();
        try {
            String s = m.writeValueAsString(value);
            out.print(s.endsWith("\n") ? s : s + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    /** A fixed-width column of a table: header, width (negative: left-aligned) and the cell text. */
    record TableColumn<T>(String header, int width, Function<T, String> cell) {
        String pad(String s) {
            return width < 0 ? String.format("%-" + (-width) + "s", s) : String.format("%" + width + "s", s);
        }
    }

    /** A table with a header line; the last column is not padded. */
    static <T> void table(PrintWriter out, List<TableColumn<T>> columns, List<T> rows) {
        List<String> header = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) header.add(i == columns.size() - 1 ? columns.get(i).header() : columns.get(i).pad(columns.get(i).header()));
        out.println(String.join(" ", header).stripTrailing());
        for (T r : rows) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                String c = columns.get(i).cell().apply(r);
                cells.add(i == columns.size() - 1 ? c : columns.get(i).pad(c));
            }
            out.println(String.join(" ", cells).stripTrailing());
        }
        out.flush();
    }

    /** One CSV row of a nested tree: keys joined by '.', lists joined by ';'. */
    static void flatCsv(PrintWriter out, Map<String, Object> tree) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", tree, flat);
        List<TrialTable.Column<Map<String, Object>>> columns = new ArrayList<>();
        for (String k : flat.keySet()) columns.add(new TrialTable.Column<>(k, m -> m.get(k)));
        out.print(TrialTable.csv(columns, List.of(flat)));
        out.flush();
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object value, Map<String, Object> into) {
        if (value instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) flatten(prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey(), e.getValue(), into);
        } else if (value instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object o : l) parts.add(String.valueOf(o));
            into.put(prefix, String.join(";", parts));
        } else {
            into.put(prefix, value);
        }
    }
}
