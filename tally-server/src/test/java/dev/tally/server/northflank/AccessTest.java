package dev.tally.server.northflank;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who may read what: login, tokens, teams, and the Northflank error shape of every refusal. */
class AccessTest {
  private final BillingWorld world = BillingWorld.shared();
  private final String invoice = world.invoiceId("2026-02");

  /** Every route of the family, in its account form and in platform's team form. */
  private List<String> accountRoutes() {
    return List.of(
        "/v1/billing/invoices", "/v1/billing/invoices/details", "/v1/billing/invoices/" + invoice);
  }

  private List<String> teamRoutes(String team) {
    return List.of(
        "/v1/teams/" + team + "/billing/invoices",
        "/v1/teams/" + team + "/billing/invoices/details",
        "/v1/teams/" + team + "/billing/invoices/" + invoice);
  }

  @Test
  void loginAcceptsEveryValidToken() {
    JsonNode account = world.as("acme").get("/v1/login").expect(200).json();
    Golden.assertMatches("login", withoutTokenId(account), world.invoiceIds);
    world.as("platform").get("/v1/login").expect(200);
    world.as("no-permission").get("/v1/login").expect(200);
    world.as("operator").get("/v1/login").expect(200);
  }

  @Test
  void aMissingOrBadTokenIsA401OnEveryRoute() {
    Customer nobody = world.operator.as(null);
    Golden.assertMatches("error-401", nobody.get("/v1/login").json(), world.invoiceIds);
    nobody.get("/v1/login").expectError(401);
    world.as("revoked").get("/v1/login").expectError(401);
    world.operator.as("tly_AAAAAAAAAAAA_" + "B".repeat(32)).get("/v1/login").expectError(401);
    world.operator.as("not-a-token").get("/v1/login").expectError(401);
    for (String route : concat(accountRoutes(), teamRoutes("platform"))) {
      nobody.get(route).expectError(401);
      world.as("revoked").get(route).expectError(401);
    }
  }

  @Test
  void aTokenWithoutBillingReadOrAnOperatorTokenIsA403() {
    Golden.assertMatches(
        "error-403",
        world.as("no-permission").get("/v1/billing/invoices").json(),
        world.invoiceIds);
    for (String route : concat(accountRoutes(), teamRoutes("platform"))) {
      world.as("no-permission").get(route).expectError(403);
      world.as("operator").get(route).expectError(403);
    }
  }

  @Test
  void aTeamTokenReadsOnlyItsOwnTeamsRoutes() {
    Customer platform = world.as("platform");
    for (String route : teamRoutes("platform")) {
      platform.get(route).expect(200);
    }
    for (String route :
        concat(
            concat(accountRoutes(), teamRoutes("data")),
            concat(teamRoutes("globex-team"), teamRoutes("nope")))) {
      assertThat(platform.get(route).expectError(403)).as(route).contains("team");
    }
  }

  @Test
  void anAccountTokenReadsItsTeamsButNoOtherAccountsTeam() {
    Customer acme = world.as("acme");
    for (String route : concat(teamRoutes("platform"), teamRoutes("data"))) {
      acme.get(route).expect(200);
    }
    for (String route : concat(teamRoutes("globex-team"), teamRoutes("nope"))) {
      String message = acme.get(route).expectError(404);
      assertThat(message).as(route).startsWith("team ");
    }
    Golden.assertMatches(
        "error-404", acme.get("/v1/teams/nope/billing/invoices").json(), world.invoiceIds);
    acme.get("/v1/billing/invoices/inv_nope").expectError(404);
    acme.get("/v1/billing/invoices/details/more").expectError(404);
  }

  @Test
  void aPercentEncodedTeamIdIsDecoded() {
    world.team(BillingWorld.ACME, "ops:eu", "Ops EU");
    Customer acme = world.as("acme");
    acme.get("/v1/teams/ops%3Aeu/billing/invoices").expect(200);
    acme.get("/v1/teams/ops%3aeu/billing/invoices/details").expect(200);
    String token = world.token(java.util.Map.of("kind", "team", "team_id", "ops:eu"));
    world.operator.as(token).get("/v1/teams/ops%3Aeu/billing/invoices").expect(200);
    world.operator.as(token).get("/v1/teams/platform/billing/invoices").expectError(403);
  }

  @Test
  void getsWithAJsonContentTypeAndNoBodyAreNormal() {
    // Customer always sends Content-Type: application/json without a body, as the clients do.
    for (String route : concat(accountRoutes(), teamRoutes("platform"))) {
      Answer answer = world.as("acme").get(route).expect(200);
      assertThat(answer.contentType()).startsWith("application/json");
    }
  }

  private static JsonNode withoutTokenId(JsonNode login) {
    JsonNode copy = login.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) copy.path("data"))
        .put("tokenId", "<token id>");
    return copy;
  }

  private static List<String> concat(List<String> first, List<String> second) {
    return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
  }
}
