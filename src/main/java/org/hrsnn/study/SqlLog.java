package org.hrsnn.study;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A study's events in a database table, one row an event (its JSON object as the journal would hold it, so
 * every backend replays the same way), ordered by the row id. The exclusive section of {@link #locked} is a
 * transaction that first takes a write lock: in SQLite, {@code BEGIN IMMEDIATE} (one writer for the file, the
 * others wait up to the busy timeout); in PostgreSQL, {@code SELECT ... FOR UPDATE} on the study's row, which
 * serialises the writers of one study and nothing else. Since each writer reads every event and appends
 * before it commits, a claim sees every earlier claim: no trial number is handed out twice, which a unique
 * index on (study, trial) of 'created' events enforces again. One connection per log, used by one thread at a
 * time; readers see committed transactions only, so never a half-written event.
 */
public final class SqlLog implements EventLog, AutoCloseable {
    private final StorageUrl url;
    private final String study;
    private final Connection db;

    private SqlLog(StorageUrl url, String study, Connection db) {
        this.url = url;
        this.study = study;
        this.db = db;
    }

    /** A connection to the database, its tables made if missing. Errors name the address, never the password. */
    static Connection connect(StorageUrl url) throws IOException {
        try {
            Connection c;
            if (url.kind() == StorageUrl.Kind.SQLITE) {
                java.nio.file.Path parent = url.path().toAbsolutePath().getParent();
                if (parent != null) java.nio.file.Files.createDirectories(parent);
                org.sqlite.SQLiteConfig cfg = new org.sqlite.SQLiteConfig();
                cfg.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
                cfg.setSynchronous(org.sqlite.SQLiteConfig.SynchronousMode.FULL); // a committed event survives a power cut, as the journal's fsync
                cfg.setBusyTimeout(120_000);                                        // other writers hold the lock for milliseconds
                // Auto-commit stays on: with it off, the driver opens the next transaction at once after each commit,
                // so an idle connection would hold the write lock. Transactions are begun by hand (begin()).
                c = DriverManager.getConnection(url.jdbc(), cfg.toProperties());
            } else {
                c = DriverManager.getConnection(url.jdbc(), url.credentials());
                c.setAutoCommit(false);
            }
            begin(c, true);
            try (Statement s = c.createStatement()) {
                String id = url.kind() == StorageUrl.Kind.SQLITE ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY";
                s.execute("CREATE TABLE IF NOT EXISTS hrsnn_studies (name VARCHAR(64) PRIMARY KEY, config TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS hrsnn_events (id " + id + ", study VARCHAR(64) NOT NULL REFERENCES hrsnn_studies(name),"
                        + " trial INTEGER NOT NULL, kind VARCHAR(32) NOT NULL, body TEXT NOT NULL)");
                s.execute("CREATE INDEX IF NOT EXISTS hrsnn_events_study ON hrsnn_events (study, id)");
                s.execute("CREATE UNIQUE INDEX IF NOT EXISTS hrsnn_one_trial_a_number ON hrsnn_events (study, trial) WHERE kind = 'created'");
            }
            commit(c);
            return c;
        } catch (SQLException e) {
            if (url.kind() == StorageUrl.Kind.POSTGRESQL && "23505".equals(e.getSQLState())) return connect(url); // two first connections made the tables at once
            throw problem(url, e);
        }
    }

    /** Begins a transaction: in SQLite a writer's takes the file's write lock now ({@code BEGIN IMMEDIATE}), not at its first write. */
    private static void begin(Connection c, boolean write) throws SQLException {
        if (!c.getAutoCommit()) return; // PostgreSQL: a transaction is always open
        try (Statement s = c.createStatement()) {
            s.execute(write ? "BEGIN IMMEDIATE" : "BEGIN");
        }
    }

    private static void commit(Connection c) throws SQLException {
        if (!c.getAutoCommit()) c.commit();
        else try (Statement s = c.createStatement()) {
            s.execute("COMMIT");
        }
    }

    private static void rollback(Connection c) {
        try {
            if (!c.getAutoCommit()) c.rollback();
            else if (!c.isClosed()) try (Statement s = c.createStatement()) {
                s.execute("ROLLBACK");
            }
        } catch (SQLException ignored) {
            // no transaction open, or the connection is broken: nothing is left to undo
        }
    }

    static IOException problem(StorageUrl url, SQLException e) {
        return new IOException(url + ": " + e.getMessage(), e);
    }

    /** The log of an existing study. */
    static SqlLog open(StorageUrl url, String study) throws IOException {
        return new SqlLog(url, study, connect(url));
    }

    /** Whether the database may hold studies: a SQLite file that does not exist holds none (and is not made by reading it). */
    private static boolean exists(StorageUrl url) {
        return url.kind() != StorageUrl.Kind.SQLITE || java.nio.file.Files.isRegularFile(url.path());
    }

    /** The configuration stored for {@code study} (study.json's content), or null when there is no such study. */
    static String config(StorageUrl url, String study) throws IOException {
        if (!exists(url)) return null;
        try (Connection c = connect(url); PreparedStatement q = c.prepareStatement("SELECT config FROM hrsnn_studies WHERE name = ?")) {
            q.setString(1, study);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (SQLException e) {
            throw problem(url, e);
        }
    }

    /** Adds a study; false when one of that name exists. */
    static boolean create(StorageUrl url, String study, String config) throws IOException {
        try (Connection c = connect(url); PreparedStatement q = c.prepareStatement("INSERT INTO hrsnn_studies (name, config) VALUES (?, ?)")) {
            q.setString(1, study);
            q.setString(2, config);
            try { // the insert in its own transaction, so that a name taken meanwhile is a false, not an error
                begin(c, true);
                q.executeUpdate();
                commit(c);
                return true;
            } catch (SQLException e) {
                rollback(c);
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) return false; // PostgreSQL: unique violation
                if (e.getErrorCode() == 19) return false;                                       // SQLite: constraint
                throw e;
            }
        } catch (SQLException e) {
            throw problem(url, e);
        }
    }

    /** Names of the studies, sorted. */
    static List<String> list(StorageUrl url) throws IOException {
        if (!exists(url)) return List.of();
        try (Connection c = connect(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT name FROM hrsnn_studies ORDER BY name")) {
            List<String> out = new ArrayList<>();
            while (r.next()) out.add(r.getString(1));
            return out;
        } catch (SQLException e) {
            throw problem(url, e);
        }
    }

    /** Replaces the configuration of a study (a new budget). */
    static void updateConfig(StorageUrl url, String study, String config) throws IOException {
        try (Connection c = connect(url); PreparedStatement q = c.prepareStatement("UPDATE hrsnn_studies SET config = ? WHERE name = ?")) {
            q.setString(1, config);
            q.setString(2, study);
            begin(c, true);
            q.executeUpdate();
            commit(c);
        } catch (SQLException e) {
            throw problem(url, e);
        }
    }

    @Override
    public String location() {
        return url + " study " + study;
    }

    @Override
    public synchronized List<Journal.Event> read() throws IOException {
        try {
            begin(db, false); // one snapshot for the whole read
            List<Journal.Event> out = events();
            commit(db);
            return out;
        } catch (SQLException e) {
            rollback(db);
            throw problem(url, e);
        } catch (IOException | RuntimeException e) {
            rollback(db);
            throw e;
        }
    }

    private List<Journal.Event> events() throws SQLException, IOException {
        List<Journal.Event> out = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("SELECT id, trial, kind, body FROM hrsnn_events WHERE study = ? ORDER BY id")) {
            q.setString(1, study);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    long id = r.getLong(1);
                    String body = r.getString(4);
                    Journal.Event e = Journal.parse(body == null ? "" : body, problem -> new Journal.CorruptJournalException(location(), "event id " + id, problem));
                    if (e.trial() != r.getInt(2) || !e.kind().equals(r.getString(3)))
                        throw new Journal.CorruptJournalException(location(), "event id " + id, "its columns (trial " + r.getInt(2) + ", " + r.getString(3)
                                + ") disagree with its body (trial " + e.trial() + ", " + e.kind() + ")");
                    out.add(e);
                }
            }
        }
        return out;
    }

    @Override
    public synchronized <T> T locked(Journal.Action<T> action) throws IOException {
        try {
            begin(db, true);
            if (url.kind() == StorageUrl.Kind.POSTGRESQL) {
                try (PreparedStatement lock = db.prepareStatement("SELECT name FROM hrsnn_studies WHERE name = ? FOR UPDATE")) {
                    lock.setString(1, study);
                    try (ResultSet r = lock.executeQuery()) {
                        if (!r.next()) throw new IOException(location() + ": the study is gone from the database");
                    }
                }
            } // SQLite: the connection's transactions begin IMMEDIATE, taking the file's write lock at the first statement
            List<Journal.Event> events = events();
            T out = action.apply(new Journal.Session() {
                public List<Journal.Event> events() {
                    return List.copyOf(events);
                }

                public void append(String kind, int trial, ObjectNode body) throws IOException {
                    ObjectNode o = Journal.stored(kind, trial, body);
                    try (PreparedStatement q = db.prepareStatement("INSERT INTO hrsnn_events (study, trial, kind, body) VALUES (?, ?, ?, ?)")) {
                        q.setString(1, study);
                        q.setInt(2, trial);
                        q.setString(3, kind);
                        q.setString(4, Journal.text(o));
                        q.executeUpdate();
                    } catch (SQLException e) {
                        throw problem(url, e);
                    }
                    events.add(new Journal.Event(kind, trial, o));
                }
            });
            commit(db);
            return out;
        } catch (SQLException e) {
            rollback(db);
            throw problem(url, e);
        } catch (IOException | RuntimeException e) {
            rollback(db);
            throw e;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            db.close();
        } catch (SQLException e) {
            throw problem(url, e);
        }
    }
}
