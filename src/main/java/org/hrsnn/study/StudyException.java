package org.hrsnn.study;

/** A study that cannot be created, opened or run as asked; the message says what to fix. */
public final class StudyException extends Exception {
    public StudyException(String message) {
        super(message);
    }

    public StudyException(String message, Throwable cause) {
        super(message, cause);
    }
}
