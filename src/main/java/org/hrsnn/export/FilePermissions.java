package org.hrsnn.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Gives files and folders made by {@link Files#createTempFile} or {@link Files#createTempDirectory}
 * (which are owner-only, 0600 / 0700, whatever the umask) the permissions a plain new file (0666) or
 * {@code mkdir} (0777) would get under the process umask, before they are renamed into place. The umask
 * is read from {@code /proc/self/status} (Linux); elsewhere it is taken to be 022. Does nothing on file
 * systems without POSIX permissions.
 */
public final class FilePermissions {
    /** The umask assumed when the process's cannot be read. */
    public static final int DEFAULT_UMASK = 022;
    private static final PosixFilePermission[] BITS = { // bit 8 (0400) down to bit 0 (0001)
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE};
    private static volatile Integer umask;

    private FilePermissions() {}

    /** Sets {@code dir}'s permissions to those of a new {@code mkdir} under the umask. */
    public static void asNewDirectory(Path dir) throws IOException {
        set(dir, forDirectory(umask()));
    }

    /** Sets {@code file}'s permissions to those of a newly created file under the umask. */
    public static void asNewFile(Path file) throws IOException {
        set(file, forFile(umask()));
    }

    static Set<PosixFilePermission> forDirectory(int umask) {
        return of(0777 & ~umask);
    }

    static Set<PosixFilePermission> forFile(int umask) {
        return of(0666 & ~umask);
    }

    /** The process umask (read once). */
    static int umask() {
        Integer u = umask;
        if (u == null) {
            try {
                u = parseUmask(Files.readString(Path.of("/proc/self/status")));
            } catch (IOException | RuntimeException e) {
                u = DEFAULT_UMASK;
            }
            umask = u;
        }
        return u;
    }

    /** The octal value of the {@code Umask:} line of a {@code /proc/PID/status} text, else {@link #DEFAULT_UMASK}. */
    static int parseUmask(String status) {
        for (String line : status.split("\n")) {
            if (!line.startsWith("Umask:")) continue;
            try {
                return Integer.parseInt(line.substring("Umask:".length()).strip(), 8) & 0777;
            } catch (NumberFormatException e) {
                return DEFAULT_UMASK;
            }
        }
        return DEFAULT_UMASK;
    }

    private static Set<PosixFilePermission> of(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BITS.length; i++) if ((mode & (0400 >> i)) != 0) s.add(BITS[i]);
        return s;
    }

    private static void set(Path p, Set<PosixFilePermission> perms) throws IOException {
        PosixFileAttributeView v = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        if (v != null) v.setPermissions(perms);
    }
}
