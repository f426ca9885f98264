package org.hrsnn.nir;

/** A NIR file that cannot be read or does not hold what hrsnn reads: names the file, the node (or path) and the problem. */
public final class NirFormatException extends Exception {
    public NirFormatException(String file, String where, String problem) {
        super(file + (where == null || where.isEmpty() ? "" : ": " + where) + ": " + problem);
    }
}
