package org.hrsnn.score;

/** Told how far a long evaluation has come, in units of work it names (samples, runs). Called from the working thread. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (done, total) -> {};

    /** {@code done} of {@code total} units finished. */
    void at(long done, long total);
}
