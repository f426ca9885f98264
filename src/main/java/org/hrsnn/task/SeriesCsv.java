package org.hrsnn.task;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/** Reads one numeric column of a CSV file with a header line (quotes around names allowed). */
public final class SeriesCsv {
    private SeriesCsv() {}

    public static double[] column(String source, Reader reader, String name) throws IOException, TsFormat.FormatException {
        BufferedReader in = new BufferedReader(reader);
        String header = in.readLine();
        if (header == null) throw new TsFormat.FormatException(source, 1, "empty file");
        List<String> names = new ArrayList<>();
        for (String h : header.split(",")) names.add(h.strip().replace("\"", ""));
        int col = names.indexOf(name);
        if (col < 0) throw new TsFormat.FormatException(source, 1, "no column '" + name + "'; columns: " + names);
        List<Double> values = new ArrayList<>();
        String line;
        int no = 1;
        while ((line = in.readLine()) != null) {
            no++;
            if (line.isBlank()) continue;
            String[] f = line.split(",");
            if (f.length <= col) throw new TsFormat.FormatException(source, no, "has " + f.length + " fields, column '" + name + "' is field " + (col + 1));
            try {
                values.add(Double.parseDouble(f[col].strip().replace("\"", "")));
            } catch (NumberFormatException e) {
                throw new TsFormat.FormatException(source, no, "'" + f[col] + "' is not a number");
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
