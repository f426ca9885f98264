package org.hrsnn.study;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;

/** A separate process for the multi-process journal test: appends N events, numbering them under the lock. */
public final class JournalWriterProcess {
    public static void main(String[] args) throws Exception {
        Journal j = new Journal(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        ObjectMapper json = new ObjectMapper();
        for (int k = 0; k < count; k++) {
            j.locked(s -> {
                s.append("created", s.events().size(), json.createObjectNode().put("writer", args[2]));
                return null;
            });
        }
    }
}
