package dev.tally.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.domain.time.ManualClock;
import dev.tally.domain.usage.LateUsage;
import dev.tally.postgres.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Tally for tests: real HTTP on a random port, a fresh database on the shared embedded
 * PostgreSQL, a {@link ManualClock} standing at {@link #NOW}, and the {@link Catalog}. Its fixtures
 * create things through the admin API as the operator and assert that they were created.
 *
 * <p>A test class shares one with {@code @RegisterExtension static final TallyTestServer server =
 * new TallyTestServer();}: it starts before the class's first test and stops after its last. A test
 * that needs one of its own calls {@link #start()} and {@link #close()}.
 */
final class TallyTestServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final String OPERATOR_TOKEN = "tly_" + "A".repeat(12) + "_" + "B".repeat(32);

  /** The secret that signs payment webhooks sent to test servers. */
  static final String WEBHOOK_SECRET = "whsec_test_secret";

  /** The start of the billing period of an account anchored at {@link #MARCH}. */
  static final String MARCH = "2026-03-01T00:00:00Z";

  private final ManualClock clock = new ManualClock(NOW);
  private final Duration gracePeriod;
  private final LateUsage lateUsage;
  private Path dataDirectory;
  private String databaseUrl;
  private Tally tally;
  private Http operator;

  /** A server without a grace period: invoices are finalized as soon as their period ends. */
  TallyTestServer() {
    this(Duration.ZERO);
  }

  TallyTestServer(Duration gracePeriod) {
    this(gracePeriod, LateUsage.REJECT);
  }

  TallyTestServer(Duration gracePeriod, LateUsage lateUsage) {
    this.gracePeriod = gracePeriod;
    this.lateUsage = lateUsage;
  }

  static TallyTestServer start() {
    return start(Duration.ZERO);
  }

  static TallyTestServer start(Duration gracePeriod) {
    return start(gracePeriod, LateUsage.REJECT);
  }

  /** A server that treats usage for finalized periods as {@code lateUsage} says. */
  static TallyTestServer start(Duration gracePeriod, LateUsage lateUsage) {
    TallyTestServer server = new TallyTestServer(gracePeriod, lateUsage);
    server.open();
    return server;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    open();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  private void open() {
    try {
      dataDirectory = Files.createTempDirectory("tally-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    databaseUrl = TestDatabases.freshUrl();
    tally = Tally.start(config(dataDirectory), clock);
    operator = Http.to(tally, OPERATOR_TOKEN);
    Catalog.install(operator);
  }

  /** The clock the server runs on; tests move it. */
  ManualClock clock() {
    return clock;
  }

  /** The server's stores and services, for fixtures too large to create over HTTP. */
  Services services() {
    return tally.services();
  }

  /**
   * Another Tally node on this server's database, as stateless nodes behind a load balancer run:
   * its own port and data directory, the same clock and operator token. The caller closes it.
   */
  Tally anotherNode() {
    try {
      return Tally.start(config(Files.createTempDirectory("tally-test-node-")), clock);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How this server's nodes run: on its database, with its token, grace period and secret. */
  private TallyConfig config(Path dataDirectory) {
    return TallyConfig.embedded(dataDirectory)
        .withDatabase(databaseUrl, null, null)
        .withOperatorToken(OPERATOR_TOKEN)
        .withGracePeriod(gracePeriod)
        .withWebhookSecret(WEBHOOK_SECRET)
        .withLateUsage(lateUsage);
  }

  /** Runs SQL on the server's database, for data no API would write. */
  void sql(String sql, Object... arguments) {
    tally.database().jdbi().useHandle(handle -> handle.execute(sql, arguments));
  }

  /** A client with the operator token. */
  Http operator() {
    return operator;
  }

  Http as(String token) {
    return operator.withToken(token);
  }

  // the account tree

  /** Creates an account billed in USD from {@code anchor} with the tax percent given. */
  String account(String id, String anchor, int taxPercent) {
    operator
        .post(
            "/admin/v1/accounts",
            Map.of(
                "id", id,
                "name", "Account " + id,
                "currency", "USD",
                "billing_anchor", anchor,
                "tax_percent", taxPercent))
        .expect(201);
    return id;
  }

  /** Creates an account without tax and subscribes it to the standard plan from its anchor. */
  String customer(String id, String anchor) {
    return customer(id, anchor, 0);
  }

  String customer(String id, String anchor, int taxPercent) {
    account(id, anchor, taxPercent);
    operator
        .post("/admin/v1/accounts/" + id + "/subscriptions", Map.of("plan_id", Catalog.PLAN))
        .expect(201);
    return id;
  }

  /**
   * Creates a USD plan named after {@code id} ("pro" → "Pro") with a fee and a minimum spend in
   * cents and one price.
   */
  void plan(String id, long fee, long minimumSpend, Map<String, Object> price) {
    operator
        .post(
            "/admin/v1/plans",
            Map.of(
                "id",
                id,
                "name",
                id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1),
                "currency",
                "USD",
                "recurring_fee",
                fee,
                "minimum_spend",
                minimumSpend,
                "prices",
                List.of(price)))
        .expect(201);
  }

  /**
   * Subscribes the account to {@code plan} from {@code startsAt} until {@code endsAt} (or null).
   */
  void subscribe(String accountId, String plan, String startsAt, String endsAt) {
    Map<String, Object> body = new HashMap<>(Map.of("plan_id", plan, "starts_at", startsAt));
    if (endsAt != null) {
      body.put("ends_at", endsAt);
    }
    operator.post("/admin/v1/accounts/" + accountId + "/subscriptions", body).expect(201);
  }

  String team(String accountId, String id) {
    return created(
        "/admin/v1/accounts/" + accountId + "/teams", Map.of("id", id, "name", "Team " + id));
  }

  String project(String teamId, String id) {
    return created(
        "/admin/v1/teams/" + teamId + "/projects", Map.of("id", id, "name", "Project " + id));
  }

  String resource(String projectId, String id, String type) {
    return created(
        "/admin/v1/projects/" + projectId + "/resources",
        Map.of("id", id, "name", "Resource " + id, "type", type));
  }

  String cluster(String accountId, String id) {
    return created(
        "/admin/v1/accounts/" + accountId + "/clusters", Map.of("id", id, "name", "Cluster " + id));
  }

  /** Creates a team, a project and a service named after the account; returns the service's id. */
  String webService(String accountId) {
    String project = project(team(accountId, accountId + "-team"), accountId + "-project");
    return resource(project, accountId + "-web", "service");
  }

  private String created(String path, Map<String, Object> body) {
    return operator.post(path, body).expect(201).json().path("id").asText();
  }

  /**
   * Issues a token of {@code kind} ("account" or "team") for {@code ownerId} and returns its text.
   */
  String token(String kind, String ownerId) {
    return operator
        .post("/admin/v1/tokens", Map.of("kind", kind, kind + "_id", ownerId))
        .expect(201)
        .json()
        .path("token")
        .asText();
  }

  // usage and invoices

  Reply ingest(List<?> events) {
    return operator.post("/v1/ingest", events);
  }

  /** Ingests events that must all be new, and asserts that they were. */
  void record(List<Map<String, Object>> events) {
    JsonNode result = ingest(events).expect(200).json();
    assertThat(result.path("accepted").asInt()).isEqualTo(events.size());
  }

  static Map<String, Object> event(
      String transactionId, String customerId, String type, Instant at, Map<String, ?> properties) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("transaction_id", transactionId);
    event.put("customer_id", customerId);
    event.put("event_type", type);
    event.put("timestamp", at.toString());
    event.put("properties", properties);
    return event;
  }

  /** The account's invoice whose period contains {@code at}; of several, the one not void. */
  JsonNode invoiceAt(String accountId, Instant at) {
    JsonNode invoices =
        operator.get("/admin/v1/accounts/" + accountId + "/invoices").expect(200).json();
    JsonNode found = null;
    for (JsonNode invoice : invoices.path("data")) {
      Instant start = Instant.parse(invoice.path("period").path("start").asText());
      Instant end = Instant.parse(invoice.path("period").path("end").asText());
      if (!at.isBefore(start)
          && at.isBefore(end)
          && (found == null || found.path("status").asText().equals("VOID"))) {
        found = invoice;
      }
    }
    if (found != null) {
      return found;
    }
    throw new AssertionError(
        "account " + accountId + " has no invoice for " + at + ": " + invoices);
  }

  /** The account's invoice of the period the clock stands in. */
  JsonNode currentInvoice(String accountId) {
    return invoiceAt(accountId, clock.instant());
  }

  JsonNode invoice(String invoiceId) {
    return operator.get("/admin/v1/invoices/" + invoiceId).expect(200).json();
  }

  /** The invoice's line of {@code meterId}. */
  static JsonNode line(JsonNode invoice, String meterId) {
    for (JsonNode line : invoice.path("lines")) {
      if (meterId.equals(line.path("meter_id").asText(null))) {
        return line;
      }
    }
    throw new AssertionError("no line for meter " + meterId + " in " + invoice);
  }

  /** Asserts the quantity of the invoice's line of {@code meterId} and its total in cents. */
  static void assertLine(JsonNode invoice, String meterId, String quantity, long total) {
    JsonNode line = line(invoice, meterId);
    assertThat(line.path("quantity").decimalValue()).as(meterId).isEqualByComparingTo(quantity);
    assertThat(line.path("total").asLong()).as(meterId).isEqualTo(total);
  }

  /** Asserts the invoice's subtotal, tax and total, in cents. */
  static void assertTotals(JsonNode invoice, long subtotal, long tax, long total) {
    assertThat(invoice.path("subtotal").asLong()).as("subtotal").isEqualTo(subtotal);
    assertThat(invoice.path("tax").path("amount").asLong()).as("tax").isEqualTo(tax);
    assertThat(invoice.path("total").asLong()).as("total").isEqualTo(total);
  }

  /** The value of {@code field} on each of the account's invoices, newest first ("" for null). */
  List<String> invoiceFields(String accountId, String field) {
    List<String> values = new java.util.ArrayList<>();
    for (JsonNode invoice :
        operator
            .get("/admin/v1/accounts/" + accountId + "/invoices")
            .expect(200)
            .json()
            .path("data")) {
      values.add(invoice.path(field).isNull() ? "" : invoice.path(field).asText());
    }
    return values;
  }

  /**
   * An {@code api_request} event of {@code count} requests, billed by the {@code requests} meter.
   */
  static Map<String, Object> requests(String account, String transactionId, int count, String at) {
    return event(transactionId, account, "api_request", Instant.parse(at), Map.of("count", count));
  }

  /** Runs billing as the operator and returns how many invoices it finalized. */
  int runBilling() {
    return operator
        .post("/admin/v1/billing-runs", Map.of())
        .expect(200)
        .json()
        .path("finalized")
        .asInt();
  }

  @Override
  public void close() {
    tally.close();
    try (Stream<Path> files = Files.walk(dataDirectory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
