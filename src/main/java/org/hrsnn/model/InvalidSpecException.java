package org.hrsnn.model;

/**
 * An impossible value in a design. {@link #field()} is a dotted path (for example
 * {@code excitatory.neuron.tauMembrane.shape}) so a file reader can say exactly which entry is wrong.
 */
public final class InvalidSpecException extends IllegalArgumentException {
    private final String field;
    private final String problem;

    public InvalidSpecException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }

    /** The same problem seen from an enclosing object: {@code parent.field}. */
    public InvalidSpecException within(String parent) {
        return new InvalidSpecException(parent + "." + field, problem);
    }
}
