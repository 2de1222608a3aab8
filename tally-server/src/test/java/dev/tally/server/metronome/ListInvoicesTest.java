package dev.tally.server.metronome;

import static dev.tally.server.metronome.MetronomeFixture.USD_CENTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every filter and sort of {@code GET /v1/customers/{customer_id}/invoices}. The customer {@code
 * acme} has fifteen monthly invoices, January 2025 to March 2026: June 2025 void, March 2026 the
 * draft, the others finalized.
 */
class ListInvoicesTest extends SeededTallyTest {
  private static final List<String> ALL_PERIODS =
      List.of(
          "2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08",
          "2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03");

  /** The months of the periods listed (one page expected), in the order given. */
  private static List<String> periods(String customer, String query) {
    JsonNode page = tally.ok("/v1/customers/" + customer + "/invoices" + query);
    assertThat(page.has("next_page")).isTrue();
    assertThat(page.path("next_page").isNull()).as("one page").isTrue();
    List<String> periods = new ArrayList<>();
    for (JsonNode invoice : page.path("data")) {
      periods.add(invoice.path("start_timestamp").asText().substring(0, 7));
    }
    return periods;
  }

  private static List<String> acme(String query) {
    return periods("acme", query);
  }

  @Test
  void byDefaultEveryInvoiceOldestPeriodFirstWithTheDraftLast() {
    assertThat(acme("")).isEqualTo(ALL_PERIODS);
    assertThat(acme("?sort=date_asc")).isEqualTo(ALL_PERIODS);
    JsonNode last = tally.ok("/v1/customers/acme/invoices").path("data").get(14);
    assertThat(last.path("status").asText()).isEqualTo("DRAFT");
  }

  @Test
  void dateDescListsTheDraftFirstThenNewestIssuedFirst() {
    assertThat(acme("?sort=date_desc")).isEqualTo(ALL_PERIODS.reversed());
  }

  @Test
  void issueDatesFollowTheOrder() {
    List<String> issued = new ArrayList<>();
    for (JsonNode invoice : tally.ok("/v1/customers/acme/invoices").path("data")) {
      issued.add(invoice.path("issued_at").asText("(draft)"));
    }
    assertThat(issued.subList(0, 14)).isSorted().doesNotContain("(draft)");
    assertThat(issued.get(14)).isEqualTo("(draft)");
  }

  @Test
  void statusFilter() {
    assertThat(acme("?status=DRAFT")).containsExactly("2026-03");
    assertThat(acme("?status=VOID")).containsExactly("2025-06");
    List<String> finalized = new ArrayList<>(ALL_PERIODS.subList(0, 14));
    finalized.remove("2025-06");
    assertThat(acme("?status=FINALIZED")).isEqualTo(finalized);
  }

  @Test
  void typeFilterEveryTallyInvoiceIsAUsageInvoice() {
    assertThat(acme("?type=USAGE")).isEqualTo(ALL_PERIODS);
    assertThat(acme("?type=SCHEDULED")).isEmpty();
    assertThat(acme("?type=USAGE_CONSOLIDATED")).isEmpty();
  }

  @Test
  void creditTypeFilterByIdOrCurrencyCode() {
    assertThat(acme("?credit_type_id=" + USD_CENTS)).isEqualTo(ALL_PERIODS);
    assertThat(acme("?credit_type_id=USD")).isEqualTo(ALL_PERIODS);
    assertThat(acme("?credit_type_id=EUR")).isEmpty();
    String euro =
        tally
            .ok("/v1/customers/globex/invoices")
            .path("data")
            .get(0)
            .path("credit_type")
            .path("id")
            .asText();
    assertThat(euro).isNotEqualTo(USD_CENTS).hasSize(36);
    assertThat(periods("globex", "?credit_type_id=" + euro)).containsExactly("2026-01", "2026-02");
    assertThat(periods("globex", "?credit_type_id=" + USD_CENTS)).isEmpty();
  }

  @Test
  void contractFilter() {
    assertThat(acme("?contract_id=contract-acme")).isEqualTo(ALL_PERIODS);
    assertThat(acme("?contract_id=contract-other")).isEmpty();
    assertThat(periods("globex", "?contract_id=contract-acme")).isEmpty();
    JsonNode invoice = tally.ok("/v1/customers/acme/invoices?limit=1").path("data").get(0);
    assertThat(invoice.path("contract_id").asText()).isEqualTo("contract-acme");
  }

  @Test
  void startingOnIsInclusiveOfAPeriodThatStartsExactlyThen() {
    assertThat(acme("?starting_on=2025-06-01T00:00:00Z")).isEqualTo(ALL_PERIODS.subList(5, 15));
    assertThat(acme("?starting_on=2025-06-01T00:00:00.000001Z"))
        .isEqualTo(ALL_PERIODS.subList(6, 15));
    assertThat(acme("?starting_on=2025-05-31T23:59:59Z")).isEqualTo(ALL_PERIODS.subList(5, 15));
  }

  @Test
  void endingBeforeIncludesAPeriodThatEndsExactlyThenAsPeriodsAreHalfOpen() {
    assertThat(acme("?ending_before=2025-06-01T00:00:00Z")).isEqualTo(ALL_PERIODS.subList(0, 5));
    assertThat(acme("?ending_before=2025-05-31T23:59:59Z")).isEqualTo(ALL_PERIODS.subList(0, 4));
    assertThat(acme("?ending_before=2025-06-01T00:00:01Z")).isEqualTo(ALL_PERIODS.subList(0, 5));
  }

  @Test
  void aDateRangeSelectsThePeriodsInsideIt() {
    assertThat(acme("?starting_on=2025-03-01T00:00:00Z&ending_before=2025-06-01T00:00:00Z"))
        .containsExactly("2025-03", "2025-04", "2025-05");
    assertThat(acme("?starting_on=2025-03-01T00:00:00Z&ending_before=2025-03-01T00:00:00Z"))
        .isEmpty();
    assertThat(acme("?starting_on=2025-03-15T00:00:00Z&ending_before=2025-04-15T00:00:00Z"))
        .isEmpty();
  }

  @Test
  void datesWithAnOffsetAreTheSameInstants() {
    assertThat(
            acme(
                "?starting_on=2025-06-01T02:00:00%2B02:00&ending_before=2025-07-31T20:00:00-04:00"))
        .containsExactly("2025-06", "2025-07");
  }

  @Test
  void filtersCombine() {
    assertThat(
            acme(
                "?status=FINALIZED&type=USAGE&credit_type_id=USD&contract_id=contract-acme"
                    + "&starting_on=2025-05-01T00:00:00Z&ending_before=2025-08-01T00:00:00Z"
                    + "&sort=date_desc"))
        .containsExactly("2025-07", "2025-05");
  }

  @Test
  void queryValuesArePercentDecoded() {
    assertThat(acme("?contract_id=contract%2Dacme&%73tatus=VOID&sort=date%5Fdesc"))
        .containsExactly("2025-06");
    assertThat(acme("?contract_id=contract+acme")).isEmpty();
  }

  @Test
  void aCustomerIdArrivesPercentEncoded() {
    tally.customer("eu.acme:1", "USD", "2026-02-01T00:00:00Z", "0", null, "pro", null);
    JsonNode page = tally.ok("/v1/customers/eu.acme%3A1/invoices");
    assertThat(page.path("data")).hasSize(2);
    String id = page.path("data").get(0).path("id").asText();
    assertThat(
            tally
                .ok("/v1/customers/eu.acme%3A1/invoices/" + id)
                .path("data")
                .path("customer_id")
                .asText())
        .isEqualTo("eu.acme:1");
  }

  @Test
  void emptyValuesAndUnknownParametersAreIgnored() {
    assertThat(acme("?status=&limit=&webhook_notification_id=wh_1&include_list_prices=true"))
        .isEqualTo(ALL_PERIODS);
  }
}
