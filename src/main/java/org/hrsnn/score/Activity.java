package org.hrsnn.score;

/**
 * Spiking activity of the recurrent neurons over an evaluation run.
 *
 * @param meanRate       S: spikes per neuron per second
 * @param silentFraction fraction of neurons that never spiked
 * @param maxRate        highest single-neuron rate, Hz
 */
public record Activity(double meanRate, double silentFraction, double maxRate) {}
