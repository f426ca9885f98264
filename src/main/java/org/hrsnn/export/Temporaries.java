package org.hrsnn.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Hidden temporary files and folders that are renamed into place when complete ({@code .NAME.tmp-PID-N}).
 * Their name carries the process id, so one left by a process killed before its rename is recognised and
 * removed by the next command that writes there, while one that a running process is still filling is left
 * alone.
 */
public final class Temporaries {
    private static final Pattern TEMP = Pattern.compile("\\.(.+)\\.tmp-(\\d+)-\\d+");
    private static final long SELF = ProcessHandle.current().pid();

    private Temporaries() {}

    /** The prefix for {@code Files.createTemp...} of a temporary that becomes {@code name}. */
    public static String prefix(String name) {
        return "." + name + ".tmp-" + SELF + "-";
    }

    /** Whether {@code fileName} is a temporary this class names (whatever process made it). */
    public static boolean isTemporary(String fileName) {
        return TEMP.matcher(fileName).matches();
    }

    /** Removes, from {@code dir}, temporaries left by processes that no longer run; returns what it removed. */
    public static List<Path> cleanStale(Path dir) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) return removed;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Matcher m = TEMP.matcher(p.getFileName().toString());
                if (!m.matches()) continue;
                long pid = Long.parseLong(m.group(2));
                if (pid == SELF || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
                if (deleteTree(p)) removed.add(p);
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover costs only disk space and is hidden
        }
        return removed;
    }

    private static boolean deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            List<Path> all = new ArrayList<>(s.toList());
            all.sort(Comparator.reverseOrder());
            for (Path x : all) Files.deleteIfExists(x);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
