package dev.tally.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;

/**
 * One embedded PostgreSQL per test JVM (under target/), and a fresh, migrated database for each
 * caller: tests run on real SQL and never see each other's rows.
 */
public final class TestDatabases {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedDatabase server;

  private TestDatabases() {}

  /** The JDBC URL of a new, empty database (not yet migrated). */
  public static synchronized String freshUrl() {
    if (server == null) {
      try {
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        server = EmbeddedDatabase.start(Files.createTempDirectory(target, "test-pg-"), 0);
        EmbeddedDatabase started = server;
        Runtime.getRuntime().addShutdownHook(new Thread(started::close));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    String name = "t" + COUNTER.incrementAndGet();
    try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"));
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return server.jdbcUrl(name);
  }

  /** The JDBC URL of a new database migrated up to {@code version} only, to test a later one. */
  public static String freshUrlMigratedTo(String version) {
    String url = freshUrl();
    Flyway.configure()
        .dataSource(url, null, null)
        .locations("classpath:db/migration")
        .target(version)
        .load()
        .migrate();
    return url;
  }

  /**
   * Inserts the account {@code acme} (USD, anchored on 2026-01-01) in plain SQL, which the schema
   * of every migration since V1 takes: for tests of a store's SQL and of migrations.
   */
  public static void insertAcme(Handle handle) {
    handle.execute(
        "insert into account (id, name, currency, billing_anchor, created_at)"
            + " values ('acme', 'Acme', 'USD', '2026-01-01T00:00:00Z', now())");
  }

  /** A new database, migrated, with a small pool. */
  public static Database fresh() {
    return Database.open(freshUrl(), null, null, 8);
  }
}
