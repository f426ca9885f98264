package org.hrsnn.sim;

/** Observes a network after each time step; never changes it. */
public interface Monitor {
    /** Called once before the first step of a run of {@code steps} steps. */
    default void begin(NetworkView net, int steps) {}

    /** Called after each step; {@code step} counts from 0 within the run. */
    void afterStep(NetworkView net, int step);
}
