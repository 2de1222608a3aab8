package dev.tally.server;

import static dev.tally.server.TallyTestServer.MARCH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HashMap;
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
 * The admin API over HTTP: each kind of thing is created, read and listed; bad input names every
 * bad field at once; unknown ids answer 404, taken ids 409; only operator tokens get in.
 */
class AdminApiTest {
  @RegisterExtension static final TallyTestServer server = new TallyTestServer();

  @BeforeAll
  static void createAccounts() {
    server.account("known", MARCH, 0);
  }

  // accounts

  @Test
  void createsAnAccountAndReadsItBack() {
    Map<String, Object> body = new HashMap<>();
    body.put("id", "acme");
    body.put("name", "Acme GmbH");
    body.put("currency", "eur");
    body.put("billing_anchor", "2026-03-01T10:45:30+01:00");
    body.put("tax_percent", new BigDecimal("19.5"));
    body.put("payment_terms_days", 14);
    body.put("contract_id", "C-2026-7");

    JsonNode created = server.operator().post("/admin/v1/accounts", body).expect(201).json();

    assertThat(created.path("id").asText()).isEqualTo("acme");
    assertThat(created.path("name").asText()).isEqualTo("Acme GmbH");
    assertThat(created.path("currency").asText()).isEqualTo("EUR");
    assertThat(created.path("billing_anchor").asText())
        .as("in UTC, truncated to the hour")
        .isEqualTo("2026-03-01T09:00:00Z");
    assertThat(created.path("tax_percent").decimalValue()).isEqualByComparingTo("19.5");
    assertThat(created.path("payment_terms_days").asInt()).isEqualTo(14);
    assertThat(created.path("contract_id").asText()).isEqualTo("C-2026-7");
    assertThat(server.operator().get("/admin/v1/accounts/acme").expect(200).json())
        .isEqualTo(created);
    assertThat(server.operator().get("/admin/v1/accounts").expect(200).json().path("data"))
        .contains(created);
  }

  @Test
  void anAccountWithoutIdOrAnchorGetsAnIdAndIsBilledFromThisHour() {
    JsonNode created =
        server
            .operator()
            .post("/admin/v1/accounts", Map.of("name", "Anonymous", "currency", "USD"))
            .expect(201)
            .json();

    assertThat(created.path("id").asText()).isNotBlank();
    assertThat(created.path("billing_anchor").asText()).isEqualTo("2026-03-10T12:00:00Z");
    assertThat(created.path("tax_percent").decimalValue()).isEqualByComparingTo("0");
    assertThat(created.path("payment_terms_days").asInt()).isEqualTo(30);
    server.operator().get("/admin/v1/accounts/" + created.path("id").asText()).expect(200);
  }

  @Test
  void namesEveryBadFieldOfAnAccountAtOnce() {
    Reply refused =
        server
            .operator()
            .post(
                "/admin/v1/accounts",
                Map.of(
                    "id", "has spaces",
                    "currency", "EURO",
                    "billing_anchor", "yesterday",
                    "tax_percent", -1,
                    "payment_terms_days", 400))
            .expect(400);

    assertThat(refused.fields())
        .containsExactlyInAnyOrder(
            "id", "name", "currency", "billing_anchor", "tax_percent", "payment_terms_days");
    JsonNode error = refused.json().path("error");
    assertThat(error.path("status").asInt()).isEqualTo(400);
    assertThat(error.path("message").asText()).isNotBlank();
    assertThat(error.path("request_id").asText())
        .isEqualTo(refused.headers().firstValue("X-Request-Id").orElseThrow());
    assertThat(error.path("fields").get(0).path("message").asText()).isNotBlank();
  }

  @Test
  void changesAnAccountsNameAndTaxButNeverItsCurrencyOrAnchor() {
    server.account("changing", MARCH, 0);

    JsonNode changed =
        server
            .operator()
            .patch("/admin/v1/accounts/changing", Map.of("name", "Renamed", "tax_percent", 7))
            .expect(200)
            .json();
    Reply refused =
        server
            .operator()
            .patch(
                "/admin/v1/accounts/changing",
                Map.of(
                    "currency",
                    "EUR",
                    "billing_anchor",
                    "2026-01-01T00:00:00Z",
                    "tax_percent",
                    101))
            .expect(400);

    assertThat(changed.path("name").asText()).isEqualTo("Renamed");
    assertThat(changed.path("tax_percent").decimalValue()).isEqualByComparingTo("7");
    assertThat(refused.fields())
        .containsExactlyInAnyOrder("currency", "billing_anchor", "tax_percent");
    assertThat(server.operator().get("/admin/v1/accounts/changing").json()).isEqualTo(changed);
  }

  // the tree

  @Test
  void buildsTheTreeOfTeamsProjectsResourcesAndClusters() {
    String account = server.account("tree", MARCH, 0);
    String team = server.team(account, "tree-team");
    String project = server.project(team, "tree-project");
    List<String> types =
        List.of(
            "service",
            "job",
            "addon",
            "volume",
            "opentofu-job",
            "llm-model-deployment",
            "external-addon");
    for (String type : types) {
      server.resource(project, "tree-" + type, type);
    }
    server.cluster(account, "tree-cluster");

    JsonNode tree = server.operator().get("/admin/v1/accounts/tree/tree").expect(200).json();

    JsonNode teamNode = tree.path("teams").get(0);
    assertThat(tree.path("teams")).hasSize(1);
    assertThat(teamNode.path("id").asText()).isEqualTo("tree-team");
    assertThat(teamNode.path("name").asText()).isEqualTo("Team tree-team");
    JsonNode projectNode = teamNode.path("projects").get(0);
    assertThat(projectNode.path("id").asText()).isEqualTo("tree-project");
    assertThat(projectNode.path("resources").findValuesAsText("type"))
        .containsExactlyInAnyOrderElementsOf(types);
    assertThat(tree.path("clusters").findValuesAsText("id")).containsExactly("tree-cluster");
  }

  @Test
  void refusesAResourceOfAnUnknownTypeAndNamelessTeams() {
    String team = server.team("known", "known-team");
    String project = server.project(team, "known-project");

    Reply resource =
        server
            .operator()
            .post(
                "/admin/v1/projects/" + project + "/resources",
                Map.of("name", "x", "type", "lambda"))
            .expect(400);
    Reply nameless =
        server.operator().post("/admin/v1/accounts/known/teams", Map.of("id", "t")).expect(400);

    assertThat(resource.fields()).containsExactly("type");
    assertThat(resource.json().path("error").path("fields").get(0).path("message").asText())
        .contains("llm-model-deployment");
    assertThat(nameless.fields()).containsExactly("name");
  }

  // not found, conflict

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("unknownIds")
  void answers404ForAnUnknownId(String method, String path) {
    Reply reply =
        server
            .operator()
            .send(method, path, "application/json", method.equals("POST") ? body() : null);

    reply.expect(404);
    assertThat(reply.json().path("error").path("status").asInt()).isEqualTo(404);
  }

  static Stream<Arguments> unknownIds() {
    return Stream.of(
        Arguments.of("GET", "/admin/v1/accounts/nobody"),
        Arguments.of("PATCH", "/admin/v1/accounts/nobody"),
        Arguments.of("GET", "/admin/v1/accounts/nobody/tree"),
        Arguments.of("POST", "/admin/v1/accounts/nobody/teams"),
        Arguments.of("POST", "/admin/v1/teams/nobody/projects"),
        Arguments.of("POST", "/admin/v1/projects/nobody/resources"),
        Arguments.of("POST", "/admin/v1/accounts/nobody/clusters"),
        Arguments.of("GET", "/admin/v1/meters/nobody"),
        Arguments.of("GET", "/admin/v1/plans/nobody"),
        Arguments.of("POST", "/admin/v1/accounts/nobody/subscriptions"),
        Arguments.of("GET", "/admin/v1/accounts/nobody/subscriptions"),
        Arguments.of("GET", "/admin/v1/accounts/nobody/invoices"),
        Arguments.of("GET", "/admin/v1/invoices/nobody"),
        Arguments.of("DELETE", "/admin/v1/tokens/nobody"),
        Arguments.of("GET", "/admin/v1/no-such-route"));
  }

  @Test
  void a404NamesWhatWasNotFound() {
    assertThat(server.operator().get("/admin/v1/accounts/nobody").expect(404).message())
        .isEqualTo("account nobody not found");
    assertThat(server.operator().get("/admin/v1/invoices/nobody").expect(404).message())
        .isEqualTo("invoice nobody not found");
    assertThat(server.operator().get("/admin/v1/no-such-route").expect(404).message())
        .contains("/admin/v1/no-such-route");
  }

  @Test
  void answers409ForATakenId() {
    server.account("taken", MARCH, 0);
    server.team("taken", "taken-team");
    server.project("taken-team", "taken-project");
    server.resource("taken-project", "taken-resource", "job");
    server.cluster("taken", "taken-cluster");

    assertConflict("/admin/v1/accounts", Map.of("id", "taken", "name", "Again", "currency", "USD"));
    assertConflict("/admin/v1/accounts/known/teams", Map.of("id", "taken-team", "name", "Again"));
    assertConflict(
        "/admin/v1/teams/taken-team/projects", Map.of("id", "taken-project", "name", "Again"));
    assertConflict(
        "/admin/v1/projects/taken-project/resources",
        Map.of("id", "taken-resource", "name", "Again", "type", "job"));
    assertConflict(
        "/admin/v1/accounts/taken/clusters", Map.of("id", "taken-cluster", "name", "Again"));
    assertConflict(
        "/admin/v1/meters",
        Map.of("id", Catalog.CPU, "name", "Again", "event_type", "x", "aggregation", "count"));
    assertConflict(
        "/admin/v1/plans", Map.of("id", Catalog.PLAN, "name", "Again", "currency", "USD"));
  }

  private static void assertConflict(String path, Map<String, Object> body) {
    Reply reply = server.operator().post(path, body).expect(409);
    assertThat(reply.json().path("error").path("status").asInt()).isEqualTo(409);
  }

  // meters and plans

  @Test
  void createsMetersAndReadsThemBack() {
    Map<String, Object> body = new HashMap<>();
    body.put("id", "regions");
    body.put("name", "Requests by region");
    body.put("event_type", "api_request");
    body.put("filters", Map.of("method", "GET"));
    body.put("aggregation", "unique_count");
    body.put("value_property", "user_id");
    body.put("dimensions", List.of("region"));
    body.put("unit", "user");

    JsonNode created = server.operator().post("/admin/v1/meters", body).expect(201).json();

    assertThat(created.path("category").asText()).as("the default").isEqualTo("usage");
    assertThat(created.path("filters").path("method").asText()).isEqualTo("GET");
    assertThat(created.path("dimensions").get(0).asText()).isEqualTo("region");
    assertThat(server.operator().get("/admin/v1/meters/regions").expect(200).json())
        .isEqualTo(created);
    assertThat(server.operator().get("/admin/v1/meters").json().path("data").findValuesAsText("id"))
        .contains("regions", Catalog.CPU, Catalog.BYOC_CLUSTER);
  }

  @Test
  void namesEveryBadFieldOfAMeterAtOnce() {
    Reply refused =
        server
            .operator()
            .post(
                "/admin/v1/meters",
                Map.of(
                    "aggregation",
                    "average",
                    "category",
                    "paas.disk",
                    "dimensions",
                    List.of("region", 7),
                    "filters",
                    List.of("not", "an object")))
            .expect(400);
    Reply countWithValue =
        server
            .operator()
            .post(
                "/admin/v1/meters",
                Map.of(
                    "id", "m1",
                    "name", "m",
                    "event_type", "e",
                    "aggregation", "count",
                    "value_property", "v",
                    "category", "paas.cpu",
                    "dimensions", List.of("region")))
            .expect(400);
    Reply sumWithoutValue =
        server
            .operator()
            .post(
                "/admin/v1/meters",
                Map.of("id", "m2", "name", "m", "event_type", "e", "aggregation", "sum"))
            .expect(400);

    assertThat(refused.fields())
        .containsExactlyInAnyOrder(
            "id", "name", "event_type", "filters", "aggregation", "dimensions[1]", "category");
    assertThat(countWithValue.fields()).containsExactlyInAnyOrder("value_property", "dimensions");
    assertThat(sumWithoutValue.fields()).containsExactly("value_property");
  }

  @Test
  void createsTieredPlansAndReadsThemBack() {
    Map<String, Object> body =
        Map.of(
            "id",
            "tiered",
            "name",
            "Tiered",
            "currency",
            "USD",
            "prices",
            List.of(
                Map.of(
                    "meter_id",
                    Catalog.REQUESTS,
                    "model",
                    "graduated",
                    "tiers",
                    List.of(
                        Map.of("up_to", 1000, "unit_price", new BigDecimal("0.000000000001")),
                        Map.of("unit_price", 0))),
                Map.of("meter_id", Catalog.CPU, "model", "per_unit", "unit_price", 3)));

    JsonNode created = server.operator().post("/admin/v1/plans", body).expect(201).json();

    assertThat(created.path("recurring_fee").asLong()).isZero();
    JsonNode tiers = created.path("prices").get(0).path("tiers");
    assertThat(tiers.get(0).path("unit_price").decimalValue()).isEqualByComparingTo("1e-12");
    assertThat(tiers.get(1).path("up_to").isNull()).isTrue();
    assertThat(server.operator().get("/admin/v1/plans/tiered").expect(200).json())
        .isEqualTo(created);
    assertThat(server.operator().get("/admin/v1/plans").json().path("data").findValuesAsText("id"))
        .contains("tiered", Catalog.PLAN);
  }

  @Test
  void namesEveryBadFieldOfAPlanAtOnce() {
    List<Map<String, Object>> prices =
        List.of(
            Map.of("meter_id", "no-such-meter", "model", "per_unit", "unit_price", 1),
            Map.of("meter_id", Catalog.CPU, "model", "per_unit", "unit_price", -1),
            Map.of(
                "meter_id",
                Catalog.MEMORY,
                "model",
                "graduated",
                "tiers",
                List.of(
                    Map.of("up_to", 10, "unit_price", 1),
                    Map.of("up_to", 5, "unit_price", 1),
                    Map.of("up_to", 20, "unit_price", 1))),
            Map.of("meter_id", Catalog.CPU, "model", "per_unit", "unit_price", 1),
            Map.of("meter_id", Catalog.GPU, "model", "flat"),
            Map.of(
                "meter_id",
                Catalog.STORAGE,
                "model",
                "per_unit",
                "unit_price",
                new BigDecimal("0.0000000000001")));

    Reply refused =
        server
            .operator()
            .post(
                "/admin/v1/plans",
                Map.of(
                    "id", "bad-plan",
                    "name", "Bad",
                    "currency", "ABC",
                    "recurring_fee", new BigDecimal("10.5"),
                    "prices", prices))
            .expect(400);

    assertThat(refused.fields())
        .containsExactlyInAnyOrder(
            "currency",
            "recurring_fee",
            "prices[0].meter_id",
            "prices[1].unit_price",
            "prices[2].tiers[1].up_to",
            "prices[2].tiers[2].up_to",
            "prices[3].meter_id",
            "prices[4].model",
            "prices[5].unit_price");
    server.operator().get("/admin/v1/plans/bad-plan").expect(404);
  }

  // subscriptions

  @Test
  void subscribesAnAccountToAPlanOfItsCurrencyOnly() {
    server.account("subscriber", MARCH, 0);
    server
        .operator()
        .post("/admin/v1/plans", Map.of("id", "euro-plan", "name", "Euro", "currency", "EUR"))
        .expect(201);

    JsonNode subscription =
        server
            .operator()
            .post(
                "/admin/v1/accounts/subscriber/subscriptions",
                Map.of("plan_id", Catalog.PLAN, "ends_at", "2026-06-01T00:00:00Z"))
            .expect(201)
            .json();
    Reply otherCurrency =
        server
            .operator()
            .post("/admin/v1/accounts/subscriber/subscriptions", Map.of("plan_id", "euro-plan"))
            .expect(400);
    Reply unknownPlan =
        server
            .operator()
            .post("/admin/v1/accounts/subscriber/subscriptions", Map.of("plan_id", "no-plan"))
            .expect(400);
    Reply endsFirst =
        server
            .operator()
            .post(
                "/admin/v1/accounts/subscriber/subscriptions",
                Map.of(
                    "plan_id", Catalog.PLAN,
                    "starts_at", "2026-04-01T00:00:00Z",
                    "ends_at", "2026-04-01T00:00:00Z"))
            .expect(400);

    assertThat(subscription.path("starts_at").asText()).as("the account's anchor").isEqualTo(MARCH);
    assertThat(subscription.path("ends_at").asText()).isEqualTo("2026-06-01T00:00:00Z");
    assertThat(otherCurrency.fields()).containsExactly("plan_id");
    assertThat(unknownPlan.fields()).containsExactly("plan_id");
    assertThat(endsFirst.fields()).containsExactly("ends_at");
  }

  @Test
  void listsAnAccountsSubscriptions() {
    server.account("listed", MARCH, 0);
    JsonNode subscription =
        server
            .operator()
            .post("/admin/v1/accounts/listed/subscriptions", Map.of("plan_id", Catalog.PLAN))
            .expect(201)
            .json();

    Reply listed = server.operator().get("/admin/v1/accounts/listed/subscriptions").expect(200);

    assertThat(listed.json().path("data")).containsExactly(subscription);
  }

  // tokens

  @Test
  void accountAndTeamTokensCannotUseTheAdminApi() {
    server.team("known", "known-readers");

    JsonNode issued =
        server
            .operator()
            .post(
                "/admin/v1/tokens",
                Map.of("kind", "account", "account_id", "known", "name", "Portal"))
            .expect(201)
            .json();
    String teamToken = server.token("team", "known-readers");

    assertThat(issued.path("token").asText()).matches("tly_[0-9A-Za-z]{12}_[0-9A-Za-z]{32}");
    assertThat(issued.path("kind").asText()).isEqualTo("account");
    assertThat(issued.path("account_id").asText()).isEqualTo("known");
    assertThat(issued.path("permissions").findValuesAsText("permissions")).isEmpty();
    assertThat(issued.path("permissions").get(0).asText()).isEqualTo("BILLING_READ");
    Reply forbidden =
        server.as(issued.path("token").asText()).get("/admin/v1/accounts").expect(403);
    assertThat(forbidden.json().path("error").path("status").asInt()).isEqualTo(403);
    server.as(teamToken).get("/admin/v1/accounts").expect(403);
    server.as(teamToken).post("/admin/v1/tokens", Map.of("kind", "operator")).expect(403);
    JsonNode listed = server.operator().get("/admin/v1/tokens").expect(200).json().path("data");
    assertThat(listed.findValuesAsText("id")).contains(issued.path("id").asText());
    assertThat(listed.findValues("token")).as("the secret is shown once").isEmpty();
  }

  @Test
  void anOperatorTokenWorksUntilItIsRevoked() {
    JsonNode issued =
        server.operator().post("/admin/v1/tokens", Map.of("kind", "operator")).expect(201).json();
    Http second = server.as(issued.path("token").asText());
    second.get("/admin/v1/accounts/known").expect(200);

    server.operator().delete("/admin/v1/tokens/" + issued.path("id").asText()).expect(204);

    second.get("/admin/v1/accounts/known").expect(401);
    second.post("/v1/ingest", List.of()).expect(401);
    JsonNode listed = server.operator().get("/admin/v1/tokens").json().path("data");
    for (JsonNode token : listed) {
      if (token.path("id").asText().equals(issued.path("id").asText())) {
        assertThat(token.path("revoked_at").asText()).isEqualTo("2026-03-10T12:00:00Z");
      }
    }
  }

  @Test
  void namesTheMissingOwnerOfAToken() {
    assertThat(tokenFields(Map.of("kind", "account"))).containsExactly("account_id");
    assertThat(tokenFields(Map.of("kind", "account", "account_id", "nobody")))
        .containsExactly("account_id");
    assertThat(tokenFields(Map.of("kind", "team", "team_id", "nobody"))).containsExactly("team_id");
    assertThat(tokenFields(Map.of("kind", "operator", "account_id", "known")))
        .containsExactly("kind");
    assertThat(tokenFields(Map.of("kind", "root"))).containsExactly("kind");
    assertThat(
            tokenFields(
                Map.of("kind", "account", "account_id", "known", "permissions", List.of("ADMIN"))))
        .containsExactly("permissions[0]");
  }

  private static List<String> tokenFields(Map<String, Object> body) {
    return server.operator().post("/admin/v1/tokens", body).expect(400).fields();
  }

  @Test
  void refusesCallersWithoutAValidOperatorToken() {
    Reply anonymous = server.as(null).get("/admin/v1/accounts").expect(401);
    server.as("Basic dXNlcjpwYXNz").get("/admin/v1/accounts").expect(401);
    server.as("tly_" + "A".repeat(12) + "_" + "C".repeat(32)).get("/admin/v1/accounts").expect(401);
    server.as(null).post("/admin/v1/billing-runs", Map.of()).expect(401);

    assertThat(anonymous.json().path("error").path("status").asInt()).isEqualTo(401);
  }

  // odd input

  @ParameterizedTest(name = "{0}")
  @MethodSource("oddBodies")
  void answersOddBodiesWithA400(String description, String body) {
    Reply reply = server.operator().send("POST", "/admin/v1/accounts", "application/json", body);

    reply.expect(400);
    assertThat(reply.message()).isNotBlank();
  }

  static Stream<Arguments> oddBodies() {
    return Stream.of(
        Arguments.of("an empty body", ""),
        Arguments.of("not JSON", "name=Acme"),
        Arguments.of("an array", "[{\"name\":\"Acme\",\"currency\":\"USD\"}]"),
        Arguments.of("a JSON string", "\"Acme\""),
        Arguments.of("a repeated key", "{\"name\":\"A\",\"name\":\"B\",\"currency\":\"USD\"}"),
        Arguments.of("a name that is a number", "{\"name\":7,\"currency\":\"USD\"}"),
        Arguments.of(
            "a name of 201 characters",
            "{\"name\":\"" + "n".repeat(201) + "\",\"currency\":\"USD\"}"),
        Arguments.of(
            "a name with a NUL character", "{\"name\":\"a\\u0000b\",\"currency\":\"USD\"}"),
        Arguments.of(
            "a tax percent that is text",
            "{\"name\":\"A\",\"currency\":\"USD\",\"tax_percent\":\"abc\"}"),
        Arguments.of(
            "fractional payment terms",
            "{\"name\":\"A\",\"currency\":\"USD\",\"payment_terms_days\":1.5}"),
        Arguments.of(
            "huge payment terms",
            "{\"name\":\"A\",\"currency\":\"USD\",\"payment_terms_days\":1e12}"),
        Arguments.of("a nested document", "[".repeat(5000) + "]".repeat(5000)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outOfRange")
  void answersValuesBeyondWhatCanBeStoredWithA400(String description, String path, String body) {
    server.operator().send("POST", path, "application/json", body).expect(400);
  }

  static Stream<Arguments> outOfRange() {
    return Stream.of(
        Arguments.of(
            "an anchor in the year 300000",
            "/admin/v1/accounts",
            "{\"name\":\"A\",\"currency\":\"USD\",\"billing_anchor\":\"+300000-01-01T00:00:00Z\"}"),
        Arguments.of(
            "a tax percent of 1e-20000",
            "/admin/v1/accounts",
            "{\"name\":\"A\",\"currency\":\"USD\",\"tax_percent\":1e-20000}"),
        Arguments.of(
            "a subscription starting in the year 300000",
            "/admin/v1/accounts/known/subscriptions",
            "{\"plan_id\":\"standard\",\"starts_at\":\"+300000-01-01T00:00:00Z\"}"),
        Arguments.of(
            "a unit price of 1e10000",
            "/admin/v1/plans",
            "{\"id\":\"huge\",\"name\":\"H\",\"currency\":\"USD\",\"prices\":[{\"meter_id\":\"cpu\","
                + "\"model\":\"per_unit\",\"unit_price\":1e10000}]}"));
  }

  private static Map<String, Object> body() {
    return Map.of("name", "Something", "type", "service", "plan_id", Catalog.PLAN);
  }
}
