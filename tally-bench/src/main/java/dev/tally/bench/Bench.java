package dev.tally.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The benchmark command: {@code ./tally bench [scenario...|all] [--smoke] [--duration S] [--out
 * FILE]}. Prints scenario | figure | target | met? and writes every figure and setting as JSON.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure Tally: ingest, freshness, details, list, billing-run, startup or all.",
    subcommands = Bench.Generate.class)
public final class Bench implements Callable<Integer> {
  @Parameters(
      arity = "0..*",
      paramLabel = "SCENARIO",
      description = "ingest, freshness, details, list, billing-run, startup or all (default).")
  List<String> scenarios = new ArrayList<>(List.of("all"));

  @Option(names = "--smoke", description = "Tiny sizes, a few seconds per scenario.")
  boolean smoke;

  @Option(
      names = "--duration",
      description = "Measured seconds of the ingest scenario (default 60, smoke 2).")
  Integer duration;

  @Option(
      names = "--out",
      description = "The JSON file of figures (default bench/results/<time>.json).")
  Path out;

  @Option(
      names = "--dist-lib",
      description = "The server's jars (default: ${DEFAULT-VALUE}).",
      defaultValue = "tally-dist/target/lib")
  Path distLib;

  @Option(
      names = "--launcher",
      description = "The ./tally launcher, used by the startup scenario (default: plain java).")
  Path launcher;

  @Option(
      names = "--server-java-opts",
      description = "The server's JVM options (default: ${DEFAULT-VALUE}, as ./tally serve).",
      defaultValue = "-Xmx1g -XX:NewSize=384m")
  String serverJavaOptions;

  @Option(
      names = "--work-dir",
      description = "Data directories, jobs and logs (default: target/bench-work).",
      defaultValue = "target/bench-work")
  Path workDirectory;

  @Option(names = "--jfr", description = "Record a JFR profile of each scenario's server here.")
  Path jfrDirectory;

  @Option(names = "--note", description = "A remark stored with the results (e.g. machine load).")
  String note;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Bench()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    Set<String> chosen = new LinkedHashSet<>();
    for (String scenario : scenarios) {
      if (scenario.equals("all")) {
        chosen.addAll(Scenarios.NAMES);
      } else if (Scenarios.NAMES.contains(scenario)) {
        chosen.add(scenario);
      } else {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "no scenario " + scenario + "; choose from " + Scenarios.NAMES);
      }
    }
    if (!Files.isDirectory(distLib)) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "no server jars in " + distLib + " (build with ./tally once)");
    }
    Path work = workDirectory.toAbsolutePath();
    Files.createDirectories(work);
    if (jfrDirectory != null) {
      Files.createDirectories(jfrDirectory);
    }
    Settings settings =
        new Settings(
            smoke,
            duration != null ? duration : smoke ? 2 : 60,
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            List.of(serverJavaOptions.trim().split("\\s+")),
            distLib.toAbsolutePath(),
            launcher == null ? null : launcher.toAbsolutePath(),
            work,
            jfrDirectory == null ? null : jfrDirectory.toAbsolutePath());
    Instant started = Instant.now();
    ObjectNode report = Api.JSON.createObjectNode();
    report.put("started_at", started.toString());
    report.set("machine", Report.machine());
    report.put("note", note);
    ObjectNode common = report.putObject("settings");
    common.put("smoke", smoke);
    common.put("ingest_duration_seconds", settings.durationSeconds());
    common.put("read_duration_seconds", settings.readSeconds());
    common.put("warmup_seconds", settings.warmupSeconds());
    common.put("ingest_warmup_seconds", settings.ingestWarmupSeconds());
    common.put("server_jvm_options", String.join(" ", settings.serverCommandOptions()));
    common.put("load_generator_jvm_options", "-Xmx512m");
    common.put(
        "server",
        "dev.tally.server.Main serve, embedded PostgreSQL (fsync and"
            + " synchronous_commit on), fresh data directory per scenario, --billing-interval-seconds"
            + " 3600 --grace-period-hours 0");
    ObjectNode results = report.putObject("scenarios");
    Scenarios runner = new Scenarios(settings);
    for (String scenario : chosen) {
      System.err.println("bench: " + scenario + "...");
      long scenarioStarted = System.nanoTime();
      ObjectNode result;
      try {
        result = runner.run(scenario);
      } catch (RuntimeException e) {
        result = Api.JSON.createObjectNode();
        result.put("figure", "FAILED: " + e.getMessage());
        result.put("met", false);
        result.put("error", e.toString());
      }
      result.put("scenario_seconds", (System.nanoTime() - scenarioStarted) / 1e9);
      results.set(scenario, result);
      System.err.println("bench: " + scenario + ": " + result.path("figure").asText());
    }
    report.put("finished_at", Instant.now().toString());
    Path file = out != null ? out : defaultOut(started);
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    Files.writeString(file, Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
    System.out.print(Report.table(results));
    System.out.println("Figures and settings: " + file);
    removeDatabases(work);
    return 0;
  }

  private static Path defaultOut(Instant started) {
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC)
            .format(started);
    return Path.of("bench", "results", stamp + ".json");
  }

  /** Deletes the scenarios' databases (they can be gigabytes); logs and jobs stay. */
  private static void removeDatabases(Path work) throws IOException {
    try (var directories = Files.list(work)) {
      for (Path directory : directories.toList()) {
        Path pg = directory.resolve("pg");
        if (Files.isDirectory(pg)) {
          Scenarios.deleteQuietly(pg);
        }
      }
    }
  }

  /** Runs a load-generator job in this (separate) JVM: {@code generate JOB.json RESULT.json}. */
  @Command(name = "generate", hidden = true, description = "Run a load-generator job.")
  static final class Generate implements Callable<Integer> {
    @Parameters(index = "0")
    Path job;

    @Parameters(index = "1")
    Path result;

    @Override
    public Integer call() throws IOException, InterruptedException {
      Generator.run(job, result);
      return 0;
    }
  }

  /** Reads a result file back; used by tests. */
  static JsonNode read(Path file) throws IOException {
    return Api.JSON.readTree(file.toFile());
  }
}
