package dev.tally.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * How a bench run is set up: sizes (smoke or full), the measured duration, and how the server is
 * started.
 *
 * @param smoke tiny sizes and a few seconds per scenario
 * @param durationSeconds the measured window of the ingest scenario; the others scale from it
 * @param java the java binary for the server and the load generator
 * @param serverJvmOptions the server's JVM options (the launcher's default: -Xmx1g
 *     -XX:NewSize=384m)
 * @param distLib the distribution's jars (tally-dist/target/lib)
 * @param launcher the {@code ./tally} launcher for the startup scenario, or null for plain java
 * @param workDirectory where data directories, jobs and logs go
 * @param jfrDirectory when not null, each scenario's server records a JFR profile there
 */
record Settings(
    boolean smoke,
    int durationSeconds,
    String java,
    List<String> serverJvmOptions,
    Path distLib,
    Path launcher,
    Path workDirectory,
    Path jfrDirectory) {

  /** The measured window of the shorter read scenarios. */
  int readSeconds() {
    return smoke ? durationSeconds : Math.max(5, durationSeconds / 2);
  }

  /** Time not measured at the start of each load, so the JIT has compiled the hot paths. */
  int warmupSeconds() {
    return smoke ? 1 : 10;
  }

  /**
   * The ingest scenario's warm-up: longer, because ingest runs most of the server's code and the
   * JIT compiles for ~40 s under it (its compiler threads took a third of the server's CPU in the
   * first 20 s, ~0 after 60 s), so that the figure is the sustained rate. The result keeps the rate
   * of every 10 s from the start, warm-up included.
   */
  int ingestWarmupSeconds() {
    return smoke ? 1 : 30;
  }

  /**
   * All the server's JVM options: the launcher's priority options, then {@link #serverJvmOptions}.
   */
  List<String> serverCommandOptions() {
    return Stream.concat(ServerProcess.PRIORITY_OPTIONS.stream(), serverJvmOptions.stream())
        .toList();
  }

  /** The same settings with a server that records a JFR profile of {@code scenario}. */
  List<String> serverJvmOptions(String scenario) {
    if (jfrDirectory == null) {
      return serverJvmOptions;
    }
    return Stream.concat(
            serverJvmOptions.stream(),
            Stream.of(
                "-XX:StartFlightRecording=settings=profile,filename="
                    + jfrDirectory.resolve(scenario + ".jfr")))
        .toList();
  }
}
