package org.hrsnn.model;

/** A population of {@code size} neurons sharing the distributions in {@code neuron}. */
public record Population(int size, NeuronParams neuron) {
    public Population {
        if (size < 0) throw new InvalidSpecException("size", "must be >= 0, got " + size);
        Check.nested("neuron", neuron, n -> {});
    }
}
