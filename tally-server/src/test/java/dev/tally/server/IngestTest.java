package dev.tally.server;

import static dev.tally.server.TallyTestServer.MARCH;
import static dev.tally.server.TallyTestServer.NOW;
import static dev.tally.server.TallyTestServer.assertLine;
import static dev.tally.server.TallyTestServer.assertTotals;
import static dev.tally.server.TallyTestServer.event;
import static dev.tally.server.TallyTestServer.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Usage ingest over HTTP: what is acknowledged shows on the draft invoice at once, and a batch with
 * any bad event is refused as a whole, naming every bad field, with nothing stored.
 */
class IngestTest {
  /**
   * The account the refused batches are sent for; billed from Feb 20, so Feb 4 is in the window.
   */
  private static final String REJECTS = "rejects";

  private static final String REJECTS_ANCHOR = "2026-02-20T00:00:00Z";

  /** What the accepted usage of {@link #REJECTS} comes to, before any refused batch. */
  private static final long REJECTS_SUBTOTAL = Catalog.RECURRING_FEE + 5;

  @RegisterExtension static final TallyTestServer server = new TallyTestServer();

  @BeforeAll
  static void createAccounts() {
    server.customer(REJECTS, REJECTS_ANCHOR);
    server.webService(REJECTS);
    server.cluster(REJECTS, "rejects-cluster");
    server.webService(server.account("others", MARCH, 0));
    server.record(List.of(rejectsRequests("accepted-before", 50)));
  }

  @Test
  void acknowledgedEventsShowOnTheDraftInvoiceAtOnce() {
    String account = server.customer("reads", MARCH, 19);
    String web = server.webService(account);

    server.record(
        List.of(
            apiRequests(account, "req-1", 250, at("2026-03-02T00:00:00Z")),
            apiRequests(account, "req-2", 100, at("2026-03-10T09:15:00Z")),
            apiRequests(account, "req-3", 7, at("2026-03-10T11:59:59Z"))));
    JsonNode invoice = server.currentInvoice(account);

    assertThat(invoice.path("status").asText()).isEqualTo("DRAFT");
    assertThat(invoice.path("period").path("start").asText()).isEqualTo(MARCH);
    assertThat(invoice.path("period").path("end").asText()).isEqualTo("2026-04-01T00:00:00Z");
    assertThat(line(invoice, Catalog.REQUESTS).path("unit_price").decimalValue())
        .isEqualByComparingTo(Catalog.REQUEST_PRICE);
    // 357 x 0.1 = 35.7; 19% of 1036 = 196.84
    assertLine(invoice, Catalog.REQUESTS, "357", 36);
    assertTotals(invoice, 1036, 197, 1233);

    server.record(
        List.of(
            event(
                "cpu-1",
                account,
                "compute",
                at("2026-03-05T10:00:00Z"),
                Map.of("resource_id", web, "vcpu_hours", 1.5, "gb_hours", 4)),
            event(
                "cpu-2",
                account,
                "compute",
                at("2026-03-09T23:30:00Z"),
                Map.of("resource_id", web, "vcpu_hours", 2.25))));
    invoice = server.currentInvoice(account);

    // 3.75 x 2.5 = 9.375; 4 x 0.35 = 1.4; 19% of 1046 = 198.74
    assertLine(invoice, Catalog.CPU, "3.75", 9);
    assertLine(invoice, Catalog.MEMORY, "4", 1);
    assertTotals(invoice, 1046, 199, 1245);
    JsonNode paas = invoice.path("breakdown").path("paas").path("price");
    assertThat(paas.path("cpu").asLong()).isEqualTo(9);
    assertThat(paas.path("memory").asLong()).isEqualTo(1);
    assertThat(paas.path("total").asLong()).isEqualTo(10);
  }

  @Test
  void acceptsEventsAtTheEdgesOfTheTimeWindow() {
    String account = server.customer("edges", "2026-02-01T00:00:00Z");

    server.record(
        List.of(
            apiRequests(account, "x".repeat(128), 3, NOW.minus(Duration.ofDays(34))),
            apiRequests(account, "ahead", 4, NOW.plus(Duration.ofHours(24)))));

    assertThat(quantity(server.invoiceAt(account, at("2026-02-04T12:00:00Z")), Catalog.REQUESTS))
        .isEqualByComparingTo("3");
    assertThat(quantity(server.invoiceAt(account, NOW), Catalog.REQUESTS))
        .isEqualByComparingTo("4");
  }

  @Test
  void aRefusedBatchStoresNoneOfItsGoodEventsAndNamesEveryBadField() {
    String account = server.customer("mixed", MARCH);
    long subtotal = server.currentInvoice(account).path("subtotal").asLong();
    Map<String, Object> unnamed = apiRequests(account, "ignored", 1, NOW);
    unnamed.remove("transaction_id");
    unnamed.remove("event_type");
    List<Map<String, Object>> batch =
        List.of(
            apiRequests(account, "mixed-0", 1000, NOW),
            apiRequests(account, "mixed-1", 1000, NOW.minus(Duration.ofDays(40))),
            apiRequests(account, "mixed-2", 1000, NOW),
            event("mixed-3", "nobody", "api_request", NOW, Map.of("count", 1)),
            unnamed);

    Reply refused = server.ingest(batch).expect(400);

    assertThat(refused.fields())
        .containsExactlyInAnyOrder(
            "[1].timestamp", "[3].customer_id", "[4].transaction_id", "[4].event_type");
    assertThat(server.currentInvoice(account).path("subtotal").asLong()).isEqualTo(subtotal);
    JsonNode goodOnesAlone = server.ingest(List.of(batch.get(0), batch.get(2))).expect(200).json();
    assertThat(goodOnesAlone.path("accepted").asInt())
        .as("they were not stored before")
        .isEqualTo(2);
    assertThat(goodOnesAlone.path("duplicates").asInt()).isZero();
    assertThat(server.currentInvoice(account).path("subtotal").asLong())
        .as("2000 requests at 0.1 cents")
        .isEqualTo(subtotal + 200);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badEvents")
  void refusesABadEventNamingItsFieldAndStoresNothing(
      String description, Object badEvent, String field, String because) {
    Reply refused = server.ingest(List.of(rejectsRequests("good-one", 1000), badEvent)).expect(400);

    assertThat(refused.fields()).containsExactly(field);
    assertThat(refused.json().path("errors").get(0).path("message").asText()).contains(because);
    assertThat(refused.json().has("message")).isTrue();
    assertRejectsUnchanged();
  }

  static Stream<Arguments> badEvents() {
    return Stream.of(
        bad(
            "no transaction_id",
            withChange("transaction_id", null),
            "[1].transaction_id",
            "required"),
        bad(
            "a blank transaction_id",
            withChange("transaction_id", " "),
            "[1].transaction_id",
            "non-empty"),
        bad(
            "a transaction_id of 129 characters",
            withChange("transaction_id", "t".repeat(129)),
            "[1].transaction_id",
            "128"),
        bad(
            "a customer that does not exist",
            withChange("customer_id", "nobody"),
            "[1].customer_id",
            "nobody"),
        bad("no event_type", withChange("event_type", null), "[1].event_type", "required"),
        bad("no timestamp", withChange("timestamp", null), "[1].timestamp", "required"),
        bad(
            "a timestamp that is not RFC 3339",
            withChange("timestamp", "10.03.2026 12:00"),
            "[1].timestamp",
            "RFC 3339"),
        bad(
            "a timestamp without an offset",
            withChange("timestamp", "2026-03-10T11:00:00"),
            "[1].timestamp",
            "RFC 3339"),
        bad(
            "a timestamp that is a number",
            withChange("timestamp", 1773144000),
            "[1].timestamp",
            "string"),
        bad(
            "a timestamp older than the backdating window",
            withChange("timestamp", NOW.minus(Duration.ofDays(34)).minusSeconds(1).toString()),
            "[1].timestamp",
            "backdating window"),
        bad(
            "a timestamp more than 24 hours ahead",
            withChange("timestamp", NOW.plus(Duration.ofHours(24)).plusSeconds(1).toString()),
            "[1].timestamp",
            "future"),
        bad(
            "a timestamp before the account's billing anchor",
            withChange("timestamp", "2026-02-19T23:59:59Z"),
            "[1].timestamp",
            "billing starts"),
        bad(
            "properties that are a list",
            withChange("properties", List.of(1, 2)),
            "[1].properties",
            "object"),
        bad(
            "properties that are text",
            withChange("properties", "count=3"),
            "[1].properties",
            "object"),
        bad(
            "a value for a sum meter that is not a number",
            withChange("properties", Map.of("count", "many")),
            "[1].properties.count",
            "number"),
        bad(
            "PaaS usage of a resource no account has",
            compute(Map.of("resource_id", "nowhere", "vcpu_hours", 1)),
            "[1].properties.resource_id",
            "nowhere"),
        bad(
            "PaaS usage of another account's resource",
            compute(Map.of("resource_id", "others-web", "vcpu_hours", 1)),
            "[1].properties.resource_id",
            "others-web"),
        bad(
            "PaaS usage without a resource",
            compute(Map.of("vcpu_hours", 1)),
            "[1].properties.resource_id",
            "required"),
        bad(
            "BYOC usage of an unknown cluster",
            event("bad", REJECTS, "byoc", NOW, Map.of("cluster_id", "nowhere", "vcpu_hours", 1)),
            "[1].properties.cluster_id",
            "nowhere"),
        bad("an event that is not an object", 42, "[1]", "object"),
        bad(
            "a negative value for a sum meter",
            withChange("properties", Map.of("count", -5)),
            "[1].properties.count",
            "negative"),
        bad(
            "a value of 10^15 for a sum meter",
            withChange("properties", Map.of("count", new BigDecimal("1e15"))),
            "[1].properties.count",
            "10^15"),
        bad(
            "a transaction_id with a NUL character",
            withChange("transaction_id", "a\u0000b"),
            "[1].transaction_id",
            "NUL"),
        bad(
            "a customer_id with a NUL character",
            withChange("customer_id", REJECTS + "\u0000"),
            "[1].customer_id",
            "NUL"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unstorableProperties")
  void refusesPropertiesThatCannotBeStored(String description, Object value) {
    Reply refused =
        server
            .ingest(
                List.of(
                    rejectsRequests("good-one", 1000),
                    withChange("properties", Map.of("note", value))))
            .expect(400);

    assertThat(refused.fields()).singleElement().asString().startsWith("[1].properties");
    assertRejectsUnchanged();
  }

  static Stream<Arguments> unstorableProperties() {
    return Stream.of(
        Arguments.of("text with a NUL character", "a\u0000b"),
        Arguments.of("the number 1e200000", new BigDecimal("1e200000")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBatches")
  void refusesABatchThatIsNotAnArrayOfOneToAHundredEvents(
      String description, String contentType, String body) {
    Reply refused = server.operator().send("POST", "/v1/ingest", contentType, body).expect(400);

    assertThat(refused.message()).isNotBlank();
    assertRejectsUnchanged();
  }

  static Stream<Arguments> badBatches() {
    String good = json(List.of(rejectsRequests("batch-good", 1000)));
    List<Map<String, Object>> tooMany = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      tooMany.add(rejectsRequests("many-" + i, 1000));
    }
    return Stream.of(
        Arguments.of("malformed JSON", "application/json", good.substring(0, good.length() - 3)),
        Arguments.of("JSON followed by more text", "application/json", good + " []"),
        Arguments.of("a text/plain body", "text/plain", good),
        Arguments.of("a form body", "application/x-www-form-urlencoded", good),
        Arguments.of("no content type", null, good),
        Arguments.of("an empty body", "application/json", ""),
        Arguments.of("an object, not an array", "application/json", "{\"events\":" + good + "}"),
        Arguments.of("an empty array", "application/json", "[]"),
        Arguments.of("101 events", "application/json", json(tooMany)));
  }

  @Test
  void refusesCallersWithoutAnOperatorToken() {
    String team = server.team(REJECTS, "rejects-readers");
    List<Map<String, Object>> batch = List.of(rejectsRequests("auth", 1000));

    Reply anonymous = server.as(null).post("/v1/ingest", batch).expect(401);
    server.as("tly_" + "C".repeat(12) + "_" + "D".repeat(32)).post("/v1/ingest", batch).expect(401);
    server.as("not-a-token").post("/v1/ingest", batch).expect(401);
    Reply account =
        server.as(server.token("account", REJECTS)).post("/v1/ingest", batch).expect(403);
    server.as(server.token("team", team)).post("/v1/ingest", batch).expect(403);

    assertThat(anonymous.json().path("message").asText()).isNotBlank();
    assertThat(account.json().has("error")).as("the ingest family's error shape").isFalse();
    assertRejectsUnchanged();
  }

  @Test
  void pricesTheWholeHourInWhichASubscriptionStarts() {
    String account = server.account("mid-hour", MARCH, 0);
    server
        .operator()
        .post(
            "/admin/v1/accounts/" + account + "/subscriptions",
            Map.of("plan_id", Catalog.PLAN, "starts_at", "2026-03-10T10:30:00Z"))
        .expect(201);

    server.record(
        List.of(
            apiRequests(account, "before", 5, at("2026-03-10T10:15:00Z")),
            apiRequests(account, "inside", 1000, at("2026-03-10T10:45:00Z"))));

    // Usage is bucketed by hour; the plan that starts in an hour prices that whole hour
    // (docs/invoices.md), so the event a quarter hour before the start is charged too.
    assertThat(quantity(server.currentInvoice(account), Catalog.REQUESTS))
        .as("the whole 10:00 hour, under the subscription that starts in it")
        .isEqualByComparingTo("1005");
  }

  private static void assertRejectsUnchanged() {
    assertThat(server.currentInvoice(REJECTS).path("subtotal").asLong())
        .as("the refused events left the draft as it was")
        .isEqualTo(REJECTS_SUBTOTAL);
  }

  private static BigDecimal quantity(JsonNode invoice, String meterId) {
    return line(invoice, meterId).path("quantity").decimalValue();
  }

  /** An event of {@code count} API requests of the account the refused batches are sent for. */
  private static Map<String, Object> rejectsRequests(String transactionId, int count) {
    return apiRequests(REJECTS, transactionId, count, NOW.minusSeconds(60));
  }

  private static Map<String, Object> apiRequests(
      String account, String transactionId, int count, Instant at) {
    return event(transactionId, account, "api_request", at, Map.of("count", count));
  }

  private static Map<String, Object> withChange(String key, Object value) {
    Map<String, Object> event = rejectsRequests("bad", 1);
    if (value == null) {
      event.remove(key);
    } else {
      event.put(key, value);
    }
    return event;
  }

  private static Map<String, Object> compute(Map<String, Object> properties) {
    return event("bad", REJECTS, "compute", NOW, properties);
  }

  private static Arguments bad(String description, Object event, String field, String because) {
    return Arguments.of(description, event, field, because);
  }

  private static Instant at(String timestamp) {
    return Instant.parse(timestamp);
  }

  private static String json(Object value) {
    try {
      return Reply.JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
