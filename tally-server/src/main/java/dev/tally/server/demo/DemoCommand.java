package dev.tally.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.domain.access.TokenSecret;
import dev.tally.server.Main;
import dev.tally.server.Tally;
import dev.tally.server.http.WireJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Starts Tally with demo data (seeded on first run) and prints what to try. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run Tally with demo data: accounts, usage, invoices and tokens to try.")
public final class DemoCommand implements Callable<Integer> {
  @Mixin Main.ServerOptions server;

  @CommandLine.Option(
      names = "--data-dir",
      description = "Where the demo's database and demo.json live (default: ~/.tally/demo).")
  Path dataDirectory;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path data =
        dataDirectory == null ? Tally.defaultDataDirectory().resolve("demo") : dataDirectory;
    Path demoFile = data.resolve("demo.json");
    boolean seeded = Files.exists(demoFile);
    String operatorToken =
        seeded
            ? WireJson.MAPPER.readTree(demoFile.toFile()).path("operator_token").asText()
            : TokenSecret.generate().text();
    Tally tally = Tally.start(server.config(data, operatorToken, false), Clock.systemUTC());
    JsonNode demo;
    if (seeded) {
      demo = WireJson.MAPPER.readTree(demoFile.toFile());
    } else {
      System.out.println("Seeding six months of demo usage (first run only)...");
      long started = System.nanoTime();
      demo = new DemoData(tally.database(), operatorToken).seed(Clock.systemUTC());
      Files.writeString(
          demoFile, WireJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(demo));
      System.out.printf(
          "Seeded in %.1f s; tokens and ids are in %s%n",
          (System.nanoTime() - started) / 1e9, demoFile);
    }
    tally.startBillingScheduler(Duration.ofSeconds(server.billingIntervalSeconds));
    System.out.println(
        DemoData.guide(demo, tally.baseUrl(), demoFile, Clock.systemUTC().instant()));
    Main.awaitShutdown(tally);
    return 0;
  }
}
