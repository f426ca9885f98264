package org.hrsnn.study;

import java.io.IOException;
import java.util.List;

/**
 * An append-only log of trial events ({@link Journal.Event}) with an exclusive section in which a writer sees
 * every event so far and may append: the journal file, or a table of a database. {@link EventStorage} builds
 * the typed {@link Storage} operations on it, so every backend replays the same events into the same trials.
 */
public interface EventLog {
    /** Every event, oldest first (a consistent prefix). */
    List<Journal.Event> read() throws IOException;

    /** Runs {@code action} exclusively: no other thread or process appends meanwhile. */
    <T> T locked(Journal.Action<T> action) throws IOException;

    /** Where the events are, for messages (no credentials). */
    String location();

    /** The error for event {@code index} (0-based) contradicting the ones before it. */
    default Journal.CorruptJournalException conflict(int index, String problem) {
        return new Journal.CorruptJournalException(location(), "event " + (index + 1), problem);
    }
}
