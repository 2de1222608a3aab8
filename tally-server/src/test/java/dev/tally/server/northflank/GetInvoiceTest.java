package dev.tally.server.northflank;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class GetInvoiceTest {
  private final BillingWorld world = BillingWorld.shared();
  private final Customer acme = world.as("acme");
  private final String february = "/v1/billing/invoices/" + world.invoiceId("2026-02");

  @Test
  void showsTheWholeBreakdownTree() {
    JsonNode answer = acme.get(february).expect(200).json();
    Golden.assertMatches("get-invoice", answer, world.invoiceIds);
    JsonNode invoice = answer.path("data");
    Invariants.ofInvoice(invoice);
    JsonNode admin = world.operator.get("/admin/v1/invoices/" + world.invoiceId("2026-02")).json();
    assertThat(invoice.path("total").decimalValue())
        .isEqualByComparingTo(admin.path("total").decimalValue());
    assertThat(invoice.path("subTotal").decimalValue())
        .isEqualByComparingTo(admin.path("subtotal").decimalValue());
    assertThat(invoice.path("paasUsage").path("price"))
        .isEqualTo(
            world
                .operator
                .get("/admin/v1/invoices/" + world.invoiceId("2026-02"))
                .json()
                .path("breakdown")
                .path("paas")
                .path("price"));
    assertThat(invoice.path("lineItems").toString())
        .contains("Priority support", "\"proration\":-1500");
  }

  @Test
  void everyInvoiceKeepsItsSums() {
    for (String month : BillingWorld.ACME_MONTHS) {
      JsonNode invoice = acme.get("/v1/billing/invoices/" + world.invoiceId(month)).data();
      Invariants.ofInvoice(invoice);
      assertThat(invoice.path("paid").asBoolean()).isEqualTo(month.equals("2025-12"));
    }
    Golden.assertMatches(
        "get-invoice-draft",
        acme.get("/v1/billing/invoices/" + world.invoiceId("2026-03")).expect(200).json(),
        world.invoiceIds);
  }

  @Test
  void filtersNarrowTheTreeAndRecomputeTheTotals() {
    JsonNode team = acme.get(february + "?teamId=data").expect(200).json();
    Golden.assertMatches("get-invoice-filter-team", team, world.invoiceIds);
    Invariants.ofInvoice(team.path("data"));
    assertThat(team.path("data").path("lineItems")).isEmpty();
    assertThat(team.path("data").path("byocUsage").path("price").path("total").asLong()).isZero();

    JsonNode volumes = acme.get(february + "?projectId=web&resourceType=volume").expect(200).json();
    Golden.assertMatches("get-invoice-filter-project-type", volumes, world.invoiceIds);
    Invariants.ofInvoice(volumes.path("data"));
    JsonNode types =
        volumes
            .path("data")
            .path("paasUsage")
            .path("teams")
            .path(0)
            .path("projects")
            .path(0)
            .path("resourceTypes");
    assertThat(types)
        .singleElement()
        .satisfies(type -> assertThat(type.path("resourceType").asText()).isEqualTo("volume"));

    for (String type :
        new String[] {
          "service",
          "job",
          "addon",
          "volume",
          "opentofu-job",
          "llm-model-deployment",
          "external-addon"
        }) {
      JsonNode narrowed = acme.get(february + "?resourceType=" + type).data();
      Invariants.ofInvoice(narrowed);
      assertThat(narrowed.path("subTotal").asLong()).as(type).isPositive();
    }
    JsonNode nothing = acme.get(february + "?teamId=platform&projectId=etl").data();
    assertThat(nothing.path("paasUsage").path("teams")).isEmpty();
    assertThat(nothing.path("total").asLong()).isZero();
    Invariants.ofInvoice(nothing);
  }

  @Test
  void aTeamSeesItsShareOfTheInvoice() {
    String path = "/v1/teams/platform/billing/invoices/" + world.invoiceId("2026-02");
    JsonNode answer = world.as("platform").get(path).expect(200).json();
    Golden.assertMatches("get-invoice-team", answer, world.invoiceIds);
    Invariants.ofInvoice(answer.path("data"));
    assertThat(answer.path("data").path("paasUsage").path("teams"))
        .singleElement()
        .satisfies(team -> assertThat(team.path("id").asText()).isEqualTo("platform"));
    assertThat(acme.get(path).json()).isEqualTo(answer);
    assertThat(acme.get(february + "?teamId=platform").json()).isEqualTo(answer);
    JsonNode otherTeamFilter = world.as("platform").get(path + "?teamId=data").data();
    assertThat(otherTeamFilter.path("paasUsage").path("teams")).isEmpty();
  }

  @Test
  void anInvoiceOfAnotherAccountIsNotFound() {
    String globexInvoice =
        world
            .as("globex")
            .get("/v1/billing/invoices")
            .data()
            .path("invoices")
            .path(0)
            .path("id")
            .asText();
    String message = acme.get("/v1/billing/invoices/" + globexInvoice).expectError(404);
    assertThat(message)
        .isEqualTo(
            acme.get("/v1/billing/invoices/inv_unknown")
                .expectError(404)
                .replace("inv_unknown", globexInvoice));
    world.as("globex").get("/v1/billing/invoices/" + globexInvoice).expect(200);
    acme.get("/v1/teams/platform/billing/invoices/" + globexInvoice).expectError(404);
  }
}
