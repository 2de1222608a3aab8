package dev.tally.server;

import dev.tally.domain.usage.LateUsage;
import dev.tally.server.demo.DemoCommand;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The server's command line: {@code serve} runs Tally, {@code demo} runs it with demo data. */
@Command(
    name = "tally",
    mixinStandardHelpOptions = true,
    version = "Tally 0.1.0",
    description = "Tally, the usage-based billing server.",
    subcommands = {Main.Serve.class, DemoCommand.class})
public final class Main {
  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  /** The options every server command shares. */
  public static final class ServerOptions {
    @CommandLine.Option(
        names = "--port",
        description = "HTTP port (default: ${DEFAULT-VALUE}).",
        defaultValue = "8080")
    public int port;

    @CommandLine.Option(
        names = "--host",
        description = "Address to listen on (default: ${DEFAULT-VALUE}).",
        defaultValue = "127.0.0.1")
    public String host;

    @CommandLine.Option(
        names = "--database-url",
        description =
            "JDBC URL of an external PostgreSQL, also TALLY_DATABASE_URL. Without it Tally runs"
                + " an embedded PostgreSQL in the data directory.",
        defaultValue = "${env:TALLY_DATABASE_URL}")
    public String databaseUrl;

    @CommandLine.Option(
        names = "--database-user",
        description = "Database user, also TALLY_DATABASE_USER.",
        defaultValue = "${env:TALLY_DATABASE_USER}")
    public String databaseUser;

    @CommandLine.Option(
        names = "--database-password",
        description = "Database password, also TALLY_DATABASE_PASSWORD.",
        defaultValue = "${env:TALLY_DATABASE_PASSWORD}")
    public String databasePassword;

    @CommandLine.Option(
        names = "--backdating-window-days",
        description = "How old an event may be when it arrives (default: ${DEFAULT-VALUE}).",
        defaultValue = "34")
    public int backdatingDays;

    @CommandLine.Option(
        names = "--billing-interval-seconds",
        description =
            "How often the billing run finalizes ended periods (default: ${DEFAULT-VALUE}).",
        defaultValue = "60")
    public int billingIntervalSeconds;

    @CommandLine.Option(
        names = "--grace-period-hours",
        description =
            "How long after a period's end its draft still takes late usage before the billing"
                + " run finalizes it (default: ${DEFAULT-VALUE}).",
        defaultValue = "24")
    public int gracePeriodHours;

    @CommandLine.Option(
        names = "--webhook-secret",
        description =
            "The secret that signs payment webhooks (HMAC-SHA256), also TALLY_WEBHOOK_SECRET."
                + " Without it the webhook refuses every call.",
        defaultValue = "${env:TALLY_WEBHOOK_SECRET}")
    public String webhookSecret;

    @CommandLine.Option(
        names = "--late-usage",
        paramLabel = "reject|correct",
        description =
            "What to do with usage for a period whose invoice is already finalized, also"
                + " TALLY_LATE_USAGE: reject it with a 400, or correct: accept it and bill it as a"
                + " correction line on the next invoice (default: ${DEFAULT-VALUE}).",
        defaultValue = "${env:TALLY_LATE_USAGE:-reject}")
    public String lateUsage;

    public TallyConfig config(Path dataDirectory, String operatorToken, boolean scheduler) {
      if (gracePeriodHours < 0) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--grace-period-hours must not be negative");
      }
      return new TallyConfig(
          host,
          port,
          dataDirectory,
          blankToNull(databaseUrl),
          blankToNull(databaseUser),
          blankToNull(databasePassword),
          operatorToken,
          Duration.ofDays(backdatingDays),
          scheduler ? Duration.ofSeconds(billingIntervalSeconds) : null,
          Duration.ofHours(gracePeriodHours),
          blankToNull(webhookSecret),
          lateUsage());
    }

    private LateUsage lateUsage() {
      return switch (lateUsage == null ? "" : lateUsage.strip().toLowerCase(Locale.ROOT)) {
        case "", "reject" -> LateUsage.REJECT;
        case "correct" -> LateUsage.CORRECT;
        default ->
            throw new CommandLine.ParameterException(
                new CommandLine(this),
                "--late-usage must be reject or correct, not '" + lateUsage + "'");
      };
    }
  }

  @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the Tally server.")
  static final class Serve implements Callable<Integer> {
    @Mixin ServerOptions server;

    @CommandLine.Option(
        names = "--data-dir",
        description = "Where the embedded database lives (default: ~/.tally).")
    Path dataDirectory;

    @CommandLine.Option(
        names = "--operator-token",
        description =
            "An operator token to accept (tly_<12>_<32> letters/digits), also"
                + " TALLY_OPERATOR_TOKEN. Without it, a token is made and printed on first start.",
        defaultValue = "${env:TALLY_OPERATOR_TOKEN}")
    String operatorToken;

    @Override
    public Integer call() throws InterruptedException {
      Path data = dataDirectory == null ? Tally.defaultDataDirectory() : dataDirectory;
      Tally tally =
          Tally.start(server.config(data, blankToNull(operatorToken), true), Clock.systemUTC());
      if (tally.newOperatorToken() != null) {
        System.out.println("Operator token (shown once, keep it): " + tally.newOperatorToken());
      }
      System.out.println("Tally is running on " + tally.baseUrl() + "  (Ctrl-C to stop)");
      awaitShutdown(tally);
      return 0;
    }
  }

  /** Blocks until the JVM is asked to stop, then closes Tally. */
  public static void awaitShutdown(Tally tally) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  tally.close();
                  stopped.countDown();
                }));
    stopped.await();
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
