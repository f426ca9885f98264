package org.hrsnn.readout;

/** A prepared training design that fits any target with its own rule for the ridge penalty. */
public interface Readout {
    /** Number of training rows; a target has one value per row. */
    int rows();

    /** The ridge fitted to {@code y} with the penalty this readout's rule chooses. */
    Ridge.Model fit(double[] y);
}
