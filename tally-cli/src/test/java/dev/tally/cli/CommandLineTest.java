package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code tally} commands against a real Tally, compared with golden text: stdout, stderr and
 * exit code of each run.
 */
class CommandLineTest {
  private static CliWorld world;
  private static Golden golden;

  @BeforeAll
  static void start() {
    world = new CliWorld();
    golden =
        new Golden(world.tally.baseUrl(), world.invoiceNames, world.directory())
            .hide(world.accountToken, "<account token>")
            .hide(world.teamToken, "<team token>");
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  /** A user whose home holds no contexts, with the server and a token in the environment. */
  private static Terminal as(String token) {
    return new Terminal(home()).set("TALLY_HOST", world.tally.baseUrl()).set("TALLY_TOKEN", token);
  }

  private static Path home() {
    try {
      return Files.createTempDirectory(world.directory(), "home-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void loginSavesAContextReadableOnlyByItsOwner() throws IOException {
    Path home = home();
    Terminal user = new Terminal(home).terminal(true);
    golden.check(
        "login",
        user.run(
            "login",
            "--host",
            world.tally.baseUrl(),
            "--token",
            world.accountToken,
            "--name",
            "acme"),
        user.run(
            "login", "--host", world.tally.baseUrl(), "--token", world.teamToken, "-n", "team"),
        user.run("context", "ls", "-o", "table"),
        user.run("context", "use", "acme"),
        user.run("list", "invoices", "--per_page", "1", "-o", "custom-columns=ID:.id"),
        user.run("context", "use", "nobody"));
    Path file = home.resolve(".tally/cli.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file)).contains(world.accountToken);
  }

  @Test
  void listInvoicesInEveryFormat() {
    Terminal customer = as(world.accountToken);
    golden.check(
        "list-invoices",
        customer.run("list", "invoices", "-o", "table"),
        customer.run("list", "invoices", "--per_page", "2", "-o", "table"),
        customer.run("list", "invoices", "--all", "--per_page", "1", "-o", "json"),
        customer.run("list", "invoices", "--page", "2", "--per_page", "1", "-o", "yaml"),
        customer.run(
            "list",
            "invoices",
            "-o",
            "custom-columns=ID:.id,START:.period.start,TOTAL:.total,PAID:.paid"));
  }

  @Test
  void aTableOnATerminalHasABoldHeaderAndYenHaveNoCents() {
    var tanaka =
        world
            .operator
            .admin()
            .tokens()
            .create(dev.tally.client.admin.NewToken.account("tanaka"))
            .token();
    golden.check(
        "table-on-terminal",
        as(world.accountToken).terminal(true).run("list", "invoices"),
        as(tanaka).terminal(true).set("NO_COLOR", "1").run("list", "invoices"),
        as(world.accountToken).run("list", "invoices", "--page", "3", "--per_page", "1"));
  }

  @Test
  void invoiceDetailsAndOneInvoice() {
    Terminal customer = as(world.accountToken);
    String february = world.invoiceId("acme-2026-02");
    long inFebruary = Instant.parse("2026-02-15T00:00:00Z").getEpochSecond();
    golden.check(
        "get-invoice",
        customer.run("get", "invoice", "details", "-o", "table"),
        customer.run(
            "get", "invoice", "details", "--timestamp", String.valueOf(inFebruary), "-o", "yaml"),
        customer.run("get", "invoice", "--invoiceId", february, "-o", "table"),
        customer.run(
            "get", "invoice", "--invoiceId", february, "--resourceType", "job", "-o", "json"),
        as(world.teamToken).run("get", "invoice", "details", "--team", "platform", "-o", "table"),
        customer.run("get", "invoice"));
  }

  @Test
  void operatorReadsCustomersInvoices() {
    Terminal operator = as(CliWorld.OPERATOR);
    golden.check(
        "customers-invoices",
        operator.run("customers", "invoices", "list", "acme", "-o", "table"),
        operator.run(
            "customers",
            "invoices",
            "list",
            "acme",
            "--status",
            "FINALIZED",
            "--sort",
            "date_desc",
            "--limit",
            "1",
            "-o",
            "table"),
        operator.run(
            "customers",
            "invoices",
            "get",
            "acme",
            world.invoiceId("acme-2026-02"),
            "--skip-zero-qty-line-items",
            "-o",
            "table"),
        operator.run("customers", "invoices", "list", "acme", "--starting-on", "yesterday"),
        operator.run("customers", "invoices", "list", "nobody"));
  }

  @Test
  void errorsNameTheProblemAndTheRequestIdWithTheirExitCodes() {
    golden.check(
        "errors",
        as("tly_AAAAAAAAAAAA_" + "B".repeat(32)).run("list", "invoices"),
        as(world.teamToken).run("list", "invoices"),
        as(world.accountToken).run("list", "invoices", "--bogus"),
        as(world.accountToken).run("list", "invoices", "--per_page", "many"),
        as(world.accountToken).run("list", "invoices", "--per_page", "500"),
        as(world.accountToken).run("list", "invoices", "-o", "xml"),
        new Terminal(home()).run("list", "invoices"),
        as(world.accountToken).set("TALLY_HOST", "http://127.0.0.1:1").run("list", "invoices"),
        as(world.accountToken).run("frobnicate"));
  }

  @Test
  void verboseShowsTheExchangeWithoutTheTokenAndQuietShowsNothing() {
    Terminal customer = as(world.accountToken);
    Terminal.Run verbose =
        customer.run("list", "invoices", "--per_page", "1", "--verbose", "-o", "json");
    assertThat(verbose.err()).doesNotContain(world.accountToken);
    golden.check(
        "verbose-quiet",
        verbose,
        customer.run("list", "invoices", "--quiet"),
        as(CliWorld.OPERATOR).run("billing", "run", "--quiet"),
        as(CliWorld.OPERATOR).run("billing", "run", "-o", "table"),
        as("tly_AAAAAAAAAAAA_" + "B".repeat(32)).run("list", "invoices", "--quiet"));
  }

  @Test
  void ingestsTenThousandLinesAndNamesTheBadOne() throws IOException {
    Path file = world.directory().resolve("events.ndjson");
    List<String> lines = new ArrayList<>();
    Instant start = Instant.parse("2026-03-01T00:00:00Z");
    for (int i = 1; i <= 10_000; i++) {
      String timestamp =
          i == 5_050 ? "the day before yesterday" : start.plusSeconds(60L * i).toString();
      lines.add(
          "{\"transaction_id\":\"bulk-"
              + i
              + "\",\"customer_id\":\"bulk\",\"event_type\":\"api_request\",\"timestamp\":\""
              + timestamp
              + "\",\"properties\":{\"endpoint\":\"/v1/search\"}}");
    }
    Files.write(file, lines);
    Terminal operator = as(CliWorld.OPERATOR);
    golden.check(
        "ingest-ndjson",
        operator.run("ingest", file.toString(), "-o", "table"),
        operator.run("ingest", file.toString(), "-o", "json"));
  }

  @Test
  void ingestDrawsAProgressBarOnATerminal() throws IOException {
    Path file = world.directory().resolve("progress.ndjson");
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 250; i++) {
      lines.add(
          "{\"transaction_id\":\"progress-"
              + i
              + "\",\"customer_id\":\"bulk\",\"event_type\":\"api_request\",\"timestamp\":\""
              + Instant.parse("2026-03-03T00:00:00Z").plusSeconds(i)
              + "\"}");
    }
    Files.write(file, lines);
    golden.check(
        "ingest-progress",
        as(CliWorld.OPERATOR).terminal(true).run("ingest", file.toString()),
        as(CliWorld.OPERATOR).terminal(true).run("ingest", file.toString(), "--quiet"));
  }

  @Test
  void ingestsCsvFromStdinAndRefusesUnreadableLinesLocally() {
    String csv =
        "transaction_id,customer_id,event_type,timestamp,endpoint\n"
            + "csv-1,bulk,api_request,2026-03-05T10:00:00Z,/v1/search\n"
            + "csv-2,bulk,api_request,2026-03-05T10:01:00Z,\"/v1/a,b\"\n"
            + "csv-3,bulk\n"
            + ",bulk,api_request,2026-03-05T10:02:00Z,/v1/search\n";
    golden.check(
        "ingest-csv",
        as(CliWorld.OPERATOR).stdin(csv).run("ingest", "-", "--format", "csv", "-o", "table"),
        as(CliWorld.OPERATOR).run("ingest", world.directory().resolve("missing.ndjson").toString()),
        as(CliWorld.OPERATOR).run("ingest", "-", "--batch-size", "500"));
  }

  @Test
  void voidRegenerateAndPayAnInvoice() {
    Terminal operator = as(CliWorld.OPERATOR);
    String january = world.invoiceId("bulk-2026-01");
    Terminal.Run voided =
        operator.run("invoice", "void", january, "--reason", "billed twice", "-o", "table");
    Terminal.Run again = operator.run("invoice", "void", january, "--reason", "again");
    Terminal.Run regenerated = operator.run("invoice", "regenerate", january, "-o", "json");
    String replacement =
        world.operator.admin().accounts().invoices("bulk").stream()
            .filter(i -> january.equals(i.replacesInvoiceId()))
            .findFirst()
            .orElseThrow()
            .id();
    golden
        .hide(replacement, "inv(bulk-2026-01-again)" + ".".repeat(replacement.length() - 23))
        .check(
            "void-and-pay",
            voided,
            again,
            regenerated,
            operator.run(
                "invoice",
                "payment",
                replacement,
                "--provider",
                "stripe",
                "--status",
                "PAID",
                "--external-id",
                "in_123",
                "-o",
                "table"),
            operator.run("invoice", "get", replacement, "-o", "table"),
            operator.run("invoice", "void", replacement));
  }

  @Test
  void adminCommands() {
    Terminal operator = as(CliWorld.OPERATOR);
    golden.check(
        "admin",
        operator.run("accounts", "ls", "-o", "table"),
        operator.run("accounts", "get", "acme", "-o", "yaml"),
        operator.run("accounts", "tree", "acme", "-o", "table"),
        operator.run(
            "accounts",
            "create",
            "--id",
            "globex",
            "--name",
            "Globex",
            "--currency",
            "EUR",
            "--billing-anchor",
            "2026-03-01T00:00:00Z",
            "-o",
            "table"),
        operator.run(
            "accounts", "create", "--id", "globex", "--name", "Globex", "--currency", "EUR"),
        operator.run("accounts", "create", "--name", "", "--currency", "EURO"),
        operator.run("teams", "create", "globex", "--id", "ops", "--name", "Ops", "-o", "table"),
        operator.run(
            "projects", "create", "ops", "--id", "infra", "--name", "Infra", "-o", "table"),
        operator.run(
            "resources",
            "create",
            "infra",
            "--id",
            "db",
            "--name",
            "DB",
            "--type",
            "addon",
            "-o",
            "table"),
        operator.run("clusters", "create", "globex", "--id", "eu", "--name", "EU", "-o", "table"),
        as(CliWorld.OPERATOR)
            .stdin(
                "{\"id\":\"egress\",\"name\":\"Egress\",\"event_type\":\"net\","
                    + "\"aggregation\":\"sum\",\"value_property\":\"gb\"}")
            .run("meters", "create", "-", "-o", "table"),
        as(CliWorld.OPERATOR)
            .stdin(
                "{\"id\":\"egress-plan\",\"name\":\"Egress\",\"currency\":\"EUR\","
                    + "\"prices\":[{\"meter_id\":\"egress\",\"model\":\"per_unit\","
                    + "\"unit_price\":0.5}]}")
            .run("plans", "create", "-", "-o", "table"),
        as(CliWorld.OPERATOR).stdin("{not json").run("plans", "create", "-"),
        operator.run("meters", "ls", "-o", "table"),
        operator.run("plans", "ls", "-o", "table"),
        operator.run("invoices", "ls", "tanaka", "-o", "table"),
        operator.run("invoices", "get", world.invoiceId("tanaka-2026-02"), "-o", "table"),
        as(world.accountToken).run("accounts", "ls"));
  }
}
