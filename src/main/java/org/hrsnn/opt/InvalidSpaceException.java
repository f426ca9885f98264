package org.hrsnn.opt;

/** An impossible search-space entry: names the parameter, its field and the problem. */
public final class InvalidSpaceException extends IllegalArgumentException {
    private final String parameter;
    private final String field;

    public InvalidSpaceException(String parameter, String field, String problem) {
        super("parameter '" + parameter + "'" + (field == null ? "" : ", field '" + field + "'") + ": " + problem);
        this.parameter = parameter;
        this.field = field;
    }

    public String parameter() { return parameter; }

    public String field() { return field; }
}
