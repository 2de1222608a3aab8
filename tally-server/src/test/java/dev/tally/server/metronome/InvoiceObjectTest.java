package dev.tally.server.metronome;

import static dev.tally.server.metronome.MetronomeFixture.USD_CENTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Metronome's Invoice object as Tally serves it, through list and retrieve. */
class InvoiceObjectTest extends SeededTallyTest {

  private static JsonNode retrieve(String customer, String invoiceId, String query) {
    return tally.ok("/v1/customers/" + customer + "/invoices/" + invoiceId + query).path("data");
  }

  private static List<JsonNode> list(String customer, String query) {
    JsonNode page = tally.ok("/v1/customers/" + customer + "/invoices" + query);
    assertThat(page.path("next_page").isNull()).isTrue();
    List<JsonNode> invoices = new ArrayList<>();
    page.path("data").forEach(invoices::add);
    return invoices;
  }

  @Test
  void finalizedInvoiceCarriesEveryFieldOfTheSdkType() {
    String february = tally.invoiceOf("acme", "2026-02-01T00:00:00Z");
    JsonNode invoice = retrieve("acme", february, "");
    assertThat(invoice.path("id").asText()).isEqualTo(february);
    Golden.assertMatches("finalized-invoice", invoice);
  }

  @Test
  void draftInvoiceHasNoIssueOrDueDateAndItsZeroQuantityLines() {
    String march = tally.invoiceOf("acme", "2026-03-01T00:00:00Z");
    Golden.assertMatches("draft-invoice", retrieve("acme", march, ""));
  }

  @Test
  void proratedFeeInAnotherCurrencyWithoutTaxOrContract() {
    String january = tally.invoiceOf("globex", "2026-01-15T00:00:00Z");
    Golden.assertMatches("prorated-eur-invoice", retrieve("globex", january, ""));
  }

  @Test
  void creditTypeIsMetronomesUsdCentsForUsd() {
    JsonNode invoice = list("acme", "").getFirst();
    assertThat(invoice.path("credit_type").path("id").asText()).isEqualTo(USD_CENTS);
    assertThat(invoice.path("credit_type").path("name").asText()).isEqualTo("USD (cents)");
    invoice
        .path("line_items")
        .forEach(
            line -> assertThat(line.path("credit_type")).isEqualTo(invoice.path("credit_type")));
  }

  @Test
  void voidInvoiceKeepsItsLinesAndOwesNothing() {
    JsonNode june = retrieve("acme", tally.invoiceOf("acme", "2025-06-01T00:00:00Z"), "");
    assertThat(june.path("status").asText()).isEqualTo("VOID");
    assertThat(june.path("total").asLong()).isEqualTo(5413);
    assertThat(june.path("amount_due").asLong()).isZero();
    assertThat(june.path("line_items")).isNotEmpty();
  }

  @Test
  void lineItemsSumToTheTotalAndChargesToTheSubtotal() {
    List<JsonNode> invoices = new ArrayList<>(list("acme", ""));
    invoices.addAll(list("globex", ""));
    assertThat(invoices).hasSize(17);
    for (JsonNode invoice : invoices) {
      long all = 0;
      long charges = 0;
      for (JsonNode line : invoice.path("line_items")) {
        all += line.path("total").asLong();
        if (!line.path("type").asText().equals("tax")) {
          charges += line.path("total").asLong();
        }
      }
      assertThat(all).as("lines of %s", invoice).isEqualTo(invoice.path("total").asLong());
      assertThat(charges).as("charges of %s", invoice).isEqualTo(invoice.path("subtotal").asLong());
    }
  }

  @Test
  void totalsAreTheSameAsThroughTheAdminApi() {
    for (String customer : List.of("acme", "globex")) {
      for (JsonNode invoice : list(customer, "")) {
        JsonNode admin = tally.adminGet("/invoices/" + invoice.path("id").asText());
        assertThat(invoice.path("total")).isEqualTo(admin.path("total"));
        assertThat(invoice.path("subtotal")).isEqualTo(admin.path("subtotal"));
        assertThat(invoice.path("status")).isEqualTo(admin.path("status"));
        assertThat(invoice.path("start_timestamp")).isEqualTo(admin.path("period").path("start"));
        assertThat(invoice.path("end_timestamp")).isEqualTo(admin.path("period").path("end"));
      }
    }
  }

  @Test
  void totalsAreTheSameAsThroughTheNorthflankRoutes() {
    for (String customer : List.of("acme", "globex")) {
      String token = tally.token("account", customer);
      for (JsonNode invoice : list(customer, "")) {
        MetronomeFixture.Reply reply =
            tally.get("/v1/billing/invoices/" + invoice.path("id").asText(), token);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode northflank = reply.json().path("data");
        assertThat(invoice.path("total")).isEqualTo(northflank.path("total"));
        assertThat(invoice.path("subtotal")).isEqualTo(northflank.path("subTotal"));
      }
    }
  }

  @Test
  void listedInvoicesAreTheRetrievedOnes() {
    for (JsonNode invoice : list("acme", "?sort=date_desc")) {
      assertThat(retrieve("acme", invoice.path("id").asText(), "")).isEqualTo(invoice);
    }
  }

  @Test
  void skipZeroQuantityLineItemsDropsOnlyZeroQuantities() {
    String march = tally.invoiceOf("acme", "2026-03-01T00:00:00Z");
    List<String> all = names(retrieve("acme", march, ""));
    List<String> skipped = names(retrieve("acme", march, "?skip_zero_qty_line_items=true"));
    assertThat(all)
        .containsExactly(
            "Pro", "API requests", "API requests", "Builds", "Storage (GB)", "Tax (8.25%)");
    assertThat(skipped).containsExactly("Pro", "API requests", "API requests", "Tax (8.25%)");
    assertThat(names(retrieve("acme", march, "?skip_zero_qty_line_items=false"))).isEqualTo(all);
    JsonNode listed = list("acme", "?status=DRAFT&skip_zero_qty_line_items=true").getFirst();
    assertThat(names(listed)).isEqualTo(skipped);
    assertThat(listed.path("total")).isEqualTo(retrieve("acme", march, "").path("total"));
  }

  private static List<String> names(JsonNode invoice) {
    List<String> names = new ArrayList<>();
    invoice.path("line_items").forEach(line -> names.add(line.path("name").asText()));
    return names;
  }
}
