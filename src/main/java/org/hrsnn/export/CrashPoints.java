package org.hrsnn.export;

/**
 * Fault injection for the kill -9 campaign (bench/kill_campaign.py): with {@code -Dhrsnn.crash=POINT:N} the
 * process halts at once (as kill -9 would: no shutdown hook, no flush) the N-th time it reaches POINT. Points:
 * {@code journal.fsync} (an event just forced to disk), {@code journal.torn} (half an event written and forced),
 * {@code create.rename} (a new study complete in its temporary folder, before the rename),
 * {@code export.rename} (a design file or trials.csv complete in its temporary file, before the rename),
 * {@code config.rename} (a new budget written, before the rename). Without the property nothing happens.
 */
public final class CrashPoints {
    /** The exit status of a halt here: 128 + 9, as a process killed by SIGKILL reports in a shell. */
    public static final int STATUS = 137;
    private static final String SPEC = System.getProperty("hrsnn.crash");
    private static final String POINT = SPEC == null ? null : SPEC.substring(0, SPEC.indexOf(':') < 0 ? SPEC.length() : SPEC.indexOf(':'));
    private static final int AT = SPEC == null || SPEC.indexOf(':') < 0 ? 1 : Integer.parseInt(SPEC.substring(SPEC.indexOf(':') + 1));
    private static int reached;

    private CrashPoints() {}

    /** Whether the next call of {@link #reach} for {@code point} will halt. */
    public static synchronized boolean due(String point) {
        return point.equals(POINT) && reached + 1 == AT;
    }

    /** Halts the process if this is the chosen time {@code point} is reached. */
    public static synchronized void reach(String point) {
        if (!point.equals(POINT)) return;
        if (++reached == AT) {
            System.err.println("hrsnn: injected crash at " + point + ":" + AT);
            System.err.flush();
            Runtime.getRuntime().halt(STATUS);
        }
    }
}
