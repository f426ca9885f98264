package org.hrsnn.study;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's name, as recorded with the trials it runs. */
final class Hosts {
    private Hosts() {}

    /** $HRSNN_HOST (to tell apart workers in containers that share one name), else the host name, else "localhost". */
    static String name() {
        String env = System.getenv("HRSNN_HOST");
        if (env != null && !env.isBlank()) return env.strip();
        try { // the kernel's name on Linux: no DNS look-up, which can take seconds
            String k = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
            if (!k.isEmpty()) return k;
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: ask the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
