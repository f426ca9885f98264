package org.hrsnn.export;

/** A design file that cannot be read: names the file, the field (dotted path) and the problem. */
public final class DesignFormatException extends Exception {
    public DesignFormatException(String file, String field, String problem) {
        super(file + ": " + (field == null || field.isEmpty() ? "" : "field '" + field + "': ") + problem);
    }

    /** A file that cannot be read at all; {@code message} names it. */
    public DesignFormatException(String message) {
        super(message);
    }
}
