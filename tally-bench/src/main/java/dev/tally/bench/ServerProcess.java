package dev.tally.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Tally server under test, in a process of its own: {@code dev.tally.server.Main serve} from
 * the distribution's jars (or through the {@code ./tally} launcher), on a port of its choosing,
 * with a data directory and operator token of its own. Samples its CPU and memory while it runs.
 */
final class ServerProcess implements AutoCloseable {
  /**
   * The options the {@code ./tally} launcher always gives the server (its PRIORITY_OPTS): the
   * ingest threads' lowest Java priority becomes nice 10.
   */
  static final List<String> PRIORITY_OPTIONS =
      List.of("-XX:ThreadPriorityPolicy=1", "-XX:JavaPriority1_To_OSPriority=10");

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final Process process;
  private final Path dataDirectory;
  private final int port;
  private final String operatorToken;
  private final Duration startup;
  private final List<ProcessStats.Sample> samples = new CopyOnWriteArrayList<>();
  private final Thread sampler;

  private ServerProcess(
      Process process, Path dataDirectory, int port, String operatorToken, Duration startup) {
    this.process = process;
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.operatorToken = operatorToken;
    this.startup = startup;
    this.sampler =
        Thread.ofPlatform()
            .daemon()
            .name("server-sampler")
            .start(
                () -> {
                  while (process.isAlive()) {
                    samples.add(sample());
                    try {
                      Thread.sleep(500);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
  }

  /**
   * Starts the server on {@code dataDirectory} (kept between starts, so a second start is a
   * restart) and waits for its first 200 on {@code /healthz}. The server picks its own port (port
   * 0) and names it in its log, so no other process can take the port between our choosing it and
   * the server binding it.
   */
  static ServerProcess start(Settings settings, Path dataDirectory, String operatorToken) {
    List<String> arguments =
        List.of(
            "serve",
            "--port",
            "0",
            "--data-dir",
            dataDirectory.toString(),
            "--operator-token",
            operatorToken,
            "--billing-interval-seconds",
            "3600",
            "--grace-period-hours",
            "0");
    List<String> command = new ArrayList<>();
    if (settings.launcher() != null) {
      command.add(settings.launcher().toString());
    } else {
      command.add(settings.java());
      command.addAll(settings.serverCommandOptions());
      command.add("-cp");
      command.add(settings.distLib().resolve("*").toString());
      command.add("dev.tally.server.Main");
    }
    command.addAll(arguments);
    try {
      Files.createDirectories(dataDirectory);
      Path log = dataDirectory.resolve("server.log");
      long logStart = Files.exists(log) ? Files.size(log) : 0;
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().put("TALLY_JAVA_OPTS", String.join(" ", settings.serverJvmOptions()));
      long started = System.nanoTime();
      Process process = builder.start();
      int port = waitForHealth(process, new StartLog(log, logStart));
      Duration startup = Duration.ofNanos(System.nanoTime() - started);
      return new ServerProcess(process, dataDirectory, port, operatorToken, startup);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the server", e);
    }
  }

  /** A new operator token in Tally's format. */
  static String newOperatorToken() {
    SecureRandom random = new SecureRandom();
    StringBuilder token = new StringBuilder("tly_");
    for (int i = 0; i < 44; i++) {
      if (i == 12) {
        token.append('_');
      }
      token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return token.toString();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  String operatorToken() {
    return operatorToken;
  }

  /** From process start to the first 200 on {@code /healthz}. */
  Duration startup() {
    return startup;
  }

  long pid() {
    return process.pid();
  }

  /** CPU of the server and of its PostgreSQL, the server's RSS, now. */
  ProcessStats.Sample sample() {
    return ProcessStats.sample(process.pid(), postmasterPid());
  }

  private long postmasterPid() {
    try {
      List<String> pid = Files.readAllLines(dataDirectory.resolve("pg").resolve("postmaster.pid"));
      return Long.parseLong(pid.get(0).trim());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The JDBC URL of the server's embedded PostgreSQL (its port is in {@code postmaster.pid}). */
  String jdbcUrl() {
    try {
      List<String> pid = Files.readAllLines(dataDirectory.resolve("pg").resolve("postmaster.pid"));
      return "jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/postgres?user=postgres";
    } catch (IOException e) {
      throw new UncheckedIOException("the embedded database is not running", e);
    }
  }

  /** The readings taken every half second since the start. */
  List<ProcessStats.Sample> samples() {
    return List.copyOf(samples);
  }

  /** Peak resident memory of the server's JVM since it started (VmHWM), in kB. */
  long peakRssKb() {
    return ProcessStats.statusKb(process.pid(), "VmHWM:");
  }

  long rssKb() {
    return ProcessStats.statusKb(process.pid(), "VmRSS:");
  }

  /** Asks the server to stop (it stops its database) and waits for it. */
  @Override
  public void close() {
    sampler.interrupt();
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        // The server could not stop its database: stop what it started (PostgreSQL stops on
        // SIGTERM of its postmaster).
        children.forEach(ProcessHandle::destroy);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What this start of the server has written to its log (a restart appends to the same file). */
  private record StartLog(Path file, long offset) {
    private static final Pattern LISTENING =
        Pattern.compile("Tally is running on http://[^:/\\s]+:(\\d+)");

    String text() {
      try (var channel = Files.newByteChannel(file)) {
        long size = channel.size();
        if (size <= offset) {
          return "";
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(size - offset, 1 << 20));
        channel.position(offset);
        while (bytes.hasRemaining() && channel.read(bytes) > 0) {
          // read on
        }
        return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    }

    /** The port the server says it listens on, once it has said so. */
    OptionalInt port() {
      Matcher matcher = LISTENING.matcher(text());
      return matcher.find()
          ? OptionalInt.of(Integer.parseInt(matcher.group(1)))
          : OptionalInt.empty();
    }

    /** The last lines of this start's log, for an error message. */
    String tail() {
      List<String> lines = text().lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
  }

  /** Waits for the server to name its port and answer 200 on {@code /healthz}; returns the port. */
  private static int waitForHealth(Process process, StartLog log) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    HttpRequest health = null;
    int port = 0;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the server exited with "
                + process.exitValue()
                + "; the end of "
                + log.file()
                + ":\n"
                + log.tail());
      }
      if (health == null) {
        OptionalInt listening = log.port();
        if (listening.isPresent()) {
          port = listening.getAsInt();
          health =
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                  .timeout(Duration.ofSeconds(2))
                  .build();
        }
      }
      try {
        if (health != null
            && http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return port;
        }
      } catch (IOException e) {
        // not answering yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "the server was not healthy within 3 minutes; the end of "
            + log.file()
            + ":\n"
            + log.tail());
  }
}
