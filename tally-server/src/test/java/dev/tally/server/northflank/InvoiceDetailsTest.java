package dev.tally.server.northflank;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvoiceDetailsTest {
  private static final long MARCH_START = Instant.parse("2026-03-01T00:00:00Z").getEpochSecond();
  private static final long FEBRUARY_START = Instant.parse("2026-02-01T00:00:00Z").getEpochSecond();
  private static final long DECEMBER_START = Instant.parse("2025-12-01T00:00:00Z").getEpochSecond();

  private final BillingWorld world = BillingWorld.shared();
  private final Customer acme = world.as("acme");

  @Test
  void withoutTimestampPreviewsTheCurrentPeriod() {
    JsonNode answer = acme.get("/v1/billing/invoices/details").expect(200).json();
    Golden.assertMatches("invoice-details-preview", answer, world.invoiceIds);
    JsonNode details = answer.path("data");
    assertThat(details.path("period").path("start").asLong()).isEqualTo(MARCH_START);
    assertThat(details.has("paid")).isFalse();
    Invariants.ofDetails(details);
    JsonNode draft = world.operator.get("/admin/v1/invoices/" + world.invoiceId("2026-03")).json();
    assertThat(details.path("total").decimalValue())
        .isEqualByComparingTo(draft.path("total").decimalValue());
    assertThat(details.path("tax").path("value").decimalValue())
        .isEqualByComparingTo(draft.path("tax").path("amount").decimalValue());
  }

  @Test
  void thePreviewIsLive() {
    Customer globex = world.as("globex");
    long before = globex.get("/v1/billing/invoices/details").data().path("total").asLong();
    world
        .operator
        .post(
            "/v1/ingest",
            List.of(
                Map.of(
                    "transaction_id",
                    "details-live-1",
                    "customer_id",
                    BillingWorld.GLOBEX,
                    "event_type",
                    "api_request",
                    "timestamp",
                    BillingWorld.NOW.toString(),
                    "properties",
                    Map.of("requests", 100_000))))
        .expect(200);
    // 100,000 more requests at 0.01 cents, past the free tier, without tax
    assertThat(globex.get("/v1/billing/invoices/details").data().path("total").asLong())
        .isEqualTo(before + 1000);
  }

  @Test
  void withTimestampShowsTheInvoiceWhosePeriodContainsItAndWhetherItIsPaid() {
    JsonNode december =
        acme.get("/v1/billing/invoices/details?timestamp=" + (DECEMBER_START + 86_400))
            .expect(200)
            .json();
    Golden.assertMatches("invoice-details-timestamp", december, world.invoiceIds);
    assertThat(december.path("data").path("paid").asBoolean()).isTrue();
    Invariants.ofDetails(december.path("data"));

    JsonNode february = acme.get("/v1/billing/invoices/details?timestamp=" + FEBRUARY_START).data();
    assertThat(february.path("period").path("start").asLong()).isEqualTo(FEBRUARY_START);
    assertThat(february.path("paid").asBoolean()).isFalse();
    Invariants.ofDetails(february);

    JsonNode endOfJanuary =
        acme.get("/v1/billing/invoices/details?timestamp=" + (FEBRUARY_START - 1)).data();
    assertThat(endOfJanuary.path("period").path("end").asLong()).isEqualTo(FEBRUARY_START);

    JsonNode now =
        acme.get("/v1/billing/invoices/details?timestamp=" + BillingWorld.NOW.getEpochSecond())
            .data();
    assertThat(now.path("period").path("start").asLong()).isEqualTo(MARCH_START);
    assertThat(now.path("paid").isBoolean()).isTrue();
  }

  @Test
  void aTimestampOutsideTheAccountsInvoicesIsNotFound() {
    acme.get("/v1/billing/invoices/details?timestamp=" + (DECEMBER_START - 1)).expectError(404);
    acme.get("/v1/billing/invoices/details?timestamp=0").expectError(404);
    acme.get(
            "/v1/billing/invoices/details?timestamp="
                + (BillingWorld.NOW.getEpochSecond() + 40 * 86_400))
        .expectError(404);
  }

  @Test
  void aTeamSeesOnlyItsOwnUsage() {
    JsonNode answer =
        world
            .as("platform")
            .get("/v1/teams/platform/billing/invoices/details?timestamp=" + FEBRUARY_START)
            .expect(200)
            .json();
    Golden.assertMatches("invoice-details-team", answer, world.invoiceIds);
    JsonNode details = answer.path("data");
    assertThat(details.path("paasUsage").path("teams"))
        .singleElement()
        .satisfies(team -> assertThat(team.path("id").asText()).isEqualTo("platform"));
    assertThat(details.path("lineItems")).isEmpty();
    assertThat(details.path("byocUsage").path("price").path("total").asLong()).isZero();
    assertThat(details.toString()).doesNotContain("\"data\"", "etl", "Pro plan");
    Invariants.ofDetails(details);
    assertThat(
            acme.get("/v1/teams/platform/billing/invoices/details?timestamp=" + FEBRUARY_START)
                .data())
        .isEqualTo(details);
  }

  @Test
  void theClisLegacyFiltersNarrowTheBreakdown() {
    String february = "/v1/billing/invoices/details?timestamp=" + FEBRUARY_START;
    JsonNode project = acme.get(february + "&projectId=web").expect(200).json();
    Golden.assertMatches("invoice-details-project", project, world.invoiceIds);
    assertThat(project.path("data").path("paasUsage").path("teams"))
        .singleElement()
        .satisfies(
            team ->
                assertThat(team.path("usage").path("projects"))
                    .singleElement()
                    .satisfies(p -> assertThat(p.path("id").asText()).isEqualTo("web")));
    Invariants.ofDetails(project.path("data"));

    for (String filter : new String[] {"serviceId=api", "jobId=nightly", "addonId=db"}) {
      JsonNode resource = acme.get(february + "&" + filter).data();
      Invariants.ofDetails(resource);
      assertThat(resource.path("subTotal").asLong()).as(filter).isPositive();
      assertThat(resource.path("subTotal").asLong())
          .as(filter)
          .isLessThan(project.path("data").path("subTotal").asLong());
      assertThat(resource.path("subTotal").asLong())
          .isEqualTo(
              acme.get(february + "&projectId=web&" + filter).data().path("subTotal").asLong());
    }
    JsonNode mismatch = acme.get(february + "&jobId=api").data();
    assertThat(mismatch.path("paasUsage").path("teams")).isEmpty();
    assertThat(mismatch.path("total").asLong()).isZero();
    JsonNode otherProject = acme.get(february + "&projectId=etl&serviceId=api").data();
    assertThat(otherProject.path("subTotal").asLong()).isZero();
  }
}
