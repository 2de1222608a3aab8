package dev.tally.server.northflank;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvoiceListTest {
  private final BillingWorld world = BillingWorld.shared();
  private final Customer acme = world.as("acme");

  @Test
  void listsTheAccountsInvoicesNewestFirst() {
    JsonNode answer = acme.get("/v1/billing/invoices").expect(200).json();
    Golden.assertMatches("list-invoices", answer, world.invoiceIds);
    assertThat(answer.fieldNames()).toIterable().containsExactly("data", "pagination");
    assertThat(answer.path("data").fieldNames()).toIterable().containsExactly("invoices");
    assertThat(ids(answer)).containsExactlyElementsOf(idsNewestFirst());
    assertThat(answer.path("pagination").path("hasNextPage").asBoolean()).isFalse();
    assertThat(answer.path("pagination").path("count").asInt()).isEqualTo(4);
    assertThat(answer.path("pagination").has("cursor")).isFalse();
  }

  @Test
  void itemsCarryTheAdminInvoiceTotalsAndPaid() {
    for (JsonNode item : acme.get("/v1/billing/invoices").data().path("invoices")) {
      JsonNode admin =
          world.operator.get("/admin/v1/invoices/" + item.path("id").asText()).expect(200).json();
      assertThat(item.path("total").decimalValue())
          .isEqualByComparingTo(admin.path("total").decimalValue());
      assertThat(item.path("subTotal").decimalValue())
          .isEqualByComparingTo(admin.path("subtotal").decimalValue());
      assertThat(item.path("currency").asText()).isEqualTo("usd");
      assertThat(item.path("paid").asBoolean())
          .isEqualTo(item.path("id").asText().equals(world.invoiceId("2025-12")));
    }
  }

  @Test
  void perPageAndPageSelectPages() {
    JsonNode first = acme.get("/v1/billing/invoices?per_page=3").expect(200).json();
    assertThat(ids(first)).containsExactlyElementsOf(idsNewestFirst().subList(0, 3));
    assertThat(first.path("pagination").path("hasNextPage").asBoolean()).isTrue();
    assertThat(first.path("pagination").path("count").asInt()).isEqualTo(3);
    assertThat(first.path("pagination").path("cursor").asText()).matches("[A-Za-z0-9_-]+");

    JsonNode second = acme.get("/v1/billing/invoices?per_page=3&page=2").expect(200).json();
    Golden.assertMatches("list-invoices-last-page", second, world.invoiceIds);
    assertThat(ids(second)).containsExactly(world.invoiceId("2025-12"));
    assertThat(second.path("pagination").has("cursor")).isFalse();

    JsonNode beyond = acme.get("/v1/billing/invoices?per_page=3&page=3").expect(200).json();
    assertThat(ids(beyond)).isEmpty();
    assertThat(beyond.path("pagination").path("count").asInt()).isZero();
    assertThat(beyond.path("pagination").path("hasNextPage").asBoolean()).isFalse();
    assertThat(acme.get("/v1/billing/invoices?per_page=100&page=1").data().path("invoices"))
        .hasSize(4);
    assertThat(acme.get("/v1/billing/invoices?page=1").data().path("invoices")).hasSize(4);
  }

  @Test
  void aCursorWalkVisitsEveryInvoiceOnce() {
    List<String> walked = new ArrayList<>();
    String path = "/v1/billing/invoices?per_page=1";
    JsonNode page = acme.get(path).expect(200).json();
    Golden.assertMatches("list-invoices-first-page", page, world.invoiceIds);
    walked.addAll(ids(page));
    while (page.path("pagination").has("cursor")) {
      assertThat(page.path("pagination").path("hasNextPage").asBoolean()).isTrue();
      page =
          acme.get(path + "&cursor=" + page.path("pagination").path("cursor").asText())
              .expect(200)
              .json();
      walked.addAll(ids(page));
    }
    assertThat(page.path("pagination").path("hasNextPage").asBoolean()).isFalse();
    assertThat(walked).containsExactlyElementsOf(idsNewestFirst());
  }

  @Test
  void aCursorWinsOverPage() {
    String cursor =
        acme.get("/v1/billing/invoices?per_page=2")
            .expect(200)
            .json()
            .path("pagination")
            .path("cursor")
            .asText();
    JsonNode next =
        acme.get("/v1/billing/invoices?per_page=2&page=1&cursor=" + cursor).expect(200).json();
    assertThat(ids(next)).containsExactlyElementsOf(idsNewestFirst().subList(2, 4));
  }

  @Test
  void aTeamListsItsShareOfEachInvoice() {
    JsonNode platform =
        world.as("platform").get("/v1/teams/platform/billing/invoices").expect(200).json();
    Golden.assertMatches("list-invoices-team", platform, world.invoiceIds);
    assertThat(ids(platform)).containsExactlyElementsOf(idsNewestFirst());
    JsonNode byAccountToken = acme.get("/v1/teams/platform/billing/invoices").expect(200).json();
    assertThat(byAccountToken).isEqualTo(platform);
    for (JsonNode item : platform.path("data").path("invoices")) {
      JsonNode invoice =
          acme.get("/v1/teams/platform/billing/invoices/" + item.path("id").asText()).data();
      assertThat(item.path("subTotal")).isEqualTo(invoice.path("subTotal"));
      assertThat(item.path("total")).isEqualTo(invoice.path("total"));
      assertThat(invoice.path("paasUsage").path("teams"))
          .allSatisfy(team -> assertThat(team.path("id").asText()).isEqualTo("platform"));
    }
    JsonNode whole = acme.get("/v1/billing/invoices").data();
    JsonNode data = world.as("data").get("/v1/teams/data/billing/invoices").data();
    for (int i = 0; i < 4; i++) {
      long shares =
          platform.path("data").path("invoices").path(i).path("subTotal").asLong()
              + data.path("invoices").path(i).path("subTotal").asLong();
      assertThat(shares).isLessThan(whole.path("invoices").path(i).path("subTotal").asLong());
    }
  }

  @Test
  void anotherAccountSeesOnlyItsOwnInvoices() {
    JsonNode globex = world.as("globex").get("/v1/billing/invoices").data();
    assertThat(globex.path("invoices")).hasSize(3);
    assertThat(ids(globex.path("invoices"))).doesNotContainAnyElementsOf(idsNewestFirst());
    String acmeCursor =
        acme.get("/v1/billing/invoices?per_page=1")
            .expect(200)
            .json()
            .path("pagination")
            .path("cursor")
            .asText();
    assertThat(world.as("globex").get("/v1/billing/invoices?cursor=" + acmeCursor).expectError(400))
        .contains("cursor");
  }

  private List<String> idsNewestFirst() {
    return BillingWorld.ACME_MONTHS.reversed().stream().map(world::invoiceId).toList();
  }

  private static List<String> ids(JsonNode answerOrInvoices) {
    JsonNode invoices =
        answerOrInvoices.isArray()
            ? answerOrInvoices
            : answerOrInvoices.path("data").path("invoices");
    List<String> ids = new ArrayList<>();
    invoices.forEach(invoice -> ids.add(invoice.path("id").asText()));
    return ids;
  }
}
