package org.hrsnn.study;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where studies are stored, as given by {@code --storage} or {@code $HRSNN_STORAGE}: {@code journal:DIR} (a
 * folder of studies, each a study.json and a journal; the default, {@code studies/}), {@code sqlite:FILE}
 * (one SQLite file in WAL mode for every study in it) or {@code postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DB}
 * (a PostgreSQL database shared by workers on many machines). The password may also come from
 * {@code $PGPASSWORD}. {@link #toString} never shows a password or user: it is what messages, study files and
 * exports may print.
 */
public final class StorageUrl {
    public enum Kind { JOURNAL, SQLITE, POSTGRESQL }

    private final Kind kind;
    private final Path path;        // journal folder or SQLite file
    private final String host;      // PostgreSQL
    private final int port;
    private final String database;
    private final Properties credentials = new Properties(); // user, password: never printed
    private final Map<String, String> options = new LinkedHashMap<>();

    private StorageUrl(Kind kind, Path path, String host, int port, String database) {
        this.kind = kind;
        this.path = path;
        this.host = host;
        this.port = port;
        this.database = database;
    }

    public static StorageUrl journal(Path root) {
        return new StorageUrl(Kind.JOURNAL, root, null, 0, null);
    }

    /** Reads a storage address; a bad one is an IllegalArgumentException naming what is allowed (without the password). */
    public static StorageUrl parse(String url) {
        if (url == null || url.isBlank()) throw new IllegalArgumentException("storage must be journal:DIR, sqlite:FILE or postgresql://HOST[:PORT]/DB, got nothing");
        if (url.startsWith("journal:")) return nonEmpty(url, new StorageUrl(Kind.JOURNAL, Path.of(url.substring(8)), null, 0, null), 8);
        if (url.startsWith("sqlite:")) return nonEmpty(url, new StorageUrl(Kind.SQLITE, Path.of(url.substring(7)), null, 0, null), 7);
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) return postgres(url);
        String shown = url.contains("@") ? url.substring(0, Math.min(url.indexOf(':') + 1, url.length())) + "..." : url;
        throw new IllegalArgumentException("storage must be journal:DIR, sqlite:FILE or postgresql://HOST[:PORT]/DB, got '" + shown + "'");
    }

    private static StorageUrl nonEmpty(String url, StorageUrl u, int prefix) {
        if (url.length() == prefix) throw new IllegalArgumentException("storage '" + url + "' names no " + (u.kind == Kind.JOURNAL ? "folder" : "file"));
        return u;
    }

    private static StorageUrl postgres(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("storage: not a valid postgresql:// address (postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DB)");
        }
        String db = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (uri.getHost() == null || db.isEmpty())
            throw new IllegalArgumentException("storage: a postgresql:// address needs a host and a database: postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DB");
        if (uri.getPort() > 65535) throw new IllegalArgumentException("storage: port must be from 1 to 65535");
        StorageUrl u = new StorageUrl(Kind.POSTGRESQL, null, uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), db);
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            u.credentials.setProperty("user", decode(colon < 0 ? info : info.substring(0, colon)));
            if (colon >= 0) u.credentials.setProperty("password", decode(info.substring(colon + 1)));
        }
        if (uri.getRawQuery() != null)
            for (String kv : uri.getRawQuery().split("&")) {
                int eq = kv.indexOf('=');
                String k = decode(eq < 0 ? kv : kv.substring(0, eq)), v = eq < 0 ? "" : decode(kv.substring(eq + 1));
                if (k.equals("user") || k.equals("password")) u.credentials.setProperty(k, v);
                else u.options.put(k, v);
            }
        String env = System.getenv("PGPASSWORD");
        if (!u.credentials.containsKey("password") && env != null) u.credentials.setProperty("password", env);
        return u;
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    public Kind kind() {
        return kind;
    }

    /** The journal folder or the SQLite file. */
    public Path path() {
        return path;
    }

    /** The JDBC address (no credentials in it: they go in {@link #credentials}). */
    String jdbc() {
        return switch (kind) {
            case SQLITE -> "jdbc:sqlite:" + path;
            case POSTGRESQL -> {
                StringBuilder b = new StringBuilder("jdbc:postgresql://" + host + ":" + port + "/" + database);
                char sep = '?';
                for (var e : options.entrySet()) {
                    b.append(sep).append(e.getKey()).append('=').append(e.getValue());
                    sep = '&';
                }
                yield b.toString();
            }
            case JOURNAL -> throw new IllegalStateException("a journal is not a database");
        };
    }

    /** A copy of the user and password for the driver. */
    Properties credentials() {
        Properties p = new Properties();
        p.putAll(credentials);
        return p;
    }

    /** The address without user or password: safe to print, log or write to a file. */
    @Override
    public String toString() {
        return switch (kind) {
            case JOURNAL -> "journal:" + path;
            case SQLITE -> "sqlite:" + path;
            case POSTGRESQL -> "postgresql://" + host + ":" + port + "/" + database;
        };
    }
}
