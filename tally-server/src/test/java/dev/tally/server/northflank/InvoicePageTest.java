package dev.tally.server.northflank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.domain.account.AccountId;
import dev.tally.domain.error.Validation;
import dev.tally.domain.invoice.InvoiceHeader;
import dev.tally.domain.invoice.InvoiceId;
import dev.tally.domain.invoice.InvoiceStatus;
import dev.tally.domain.time.BillingPeriod;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvoicePageTest {
  /** Seven monthly invoices from January 2025, in no particular order. */
  private final List<InvoiceHeader> invoices = invoices(7);

  @Test
  void listsNewestPeriodFirst() {
    InvoicePage page = InvoicePage.of(invoices, 50, 1, null);
    assertThat(months(page)).containsExactly(7, 6, 5, 4, 3, 2, 1);
    assertThat(page.next()).isNull();
  }

  @Test
  void countsPagesOfPerPage() {
    assertThat(months(InvoicePage.of(invoices, 3, 1, null))).containsExactly(7, 6, 5);
    assertThat(months(InvoicePage.of(invoices, 3, 2, null))).containsExactly(4, 3, 2);
    InvoicePage last = InvoicePage.of(invoices, 3, 3, null);
    assertThat(months(last)).containsExactly(1);
    assertThat(last.next()).isNull();
    assertThat(InvoicePage.of(invoices, 3, 4, null).invoices()).isEmpty();
    assertThat(InvoicePage.of(invoices, 3, Integer.MAX_VALUE, null).invoices()).isEmpty();
  }

  @Test
  void aCursorContinuesAfterTheLastInvoiceOfThePageBefore() {
    InvoicePage first = InvoicePage.of(invoices, 3, 1, null);
    assertThat(first.next()).isEqualTo(InvoiceCursor.after(first.invoices().getLast()));
    InvoicePage second = InvoicePage.of(invoices, 3, 1, first.next());
    assertThat(months(second)).containsExactly(4, 3, 2);
    InvoicePage third = InvoicePage.of(invoices, 3, 1, second.next());
    assertThat(months(third)).containsExactly(1);
    assertThat(third.next()).isNull();
  }

  @Test
  void aCursorIgnoresPageAndKeepsItsPlaceWhenNewerInvoicesAppear() {
    InvoicePage first = InvoicePage.of(invoices, 2, 1, null);
    List<InvoiceHeader> grown = invoices(10);
    assertThat(months(InvoicePage.of(grown, 2, 5, first.next()))).containsExactly(5, 4);
  }

  @Test
  void aCursorOfAnotherListIsRefused() {
    InvoiceCursor foreign = InvoiceCursor.after(header(3, "inv_other"));
    assertThatThrownBy(() -> InvoicePage.of(invoices, 2, 1, foreign))
        .isInstanceOf(Validation.class)
        .hasMessageContaining("cursor");
    InvoiceCursor moved =
        new InvoiceCursor(123, InvoicePage.of(invoices, 1, 1, null).invoices().getFirst().id());
    assertThatThrownBy(() -> InvoicePage.of(invoices, 2, 1, moved)).isInstanceOf(Validation.class);
  }

  private static List<Integer> months(InvoicePage page) {
    return page.invoices().stream()
        .map(header -> header.period().start().atZone(ZoneOffset.UTC).getMonthValue())
        .toList();
  }

  private static List<InvoiceHeader> invoices(int count) {
    List<InvoiceHeader> headers = new ArrayList<>();
    for (int month = 1; month <= count; month++) {
      headers.add(header(month, "inv_" + month));
    }
    Collections.shuffle(headers, new java.util.Random(7));
    return headers;
  }

  private static InvoiceHeader header(int month, String id) {
    Instant start =
        Instant.parse("2025-01-01T00:00:00Z")
            .atZone(ZoneOffset.UTC)
            .plusMonths(month - 1)
            .toInstant();
    Instant end = start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
    return new InvoiceHeader(
        new InvoiceId(id),
        new AccountId("acme"),
        new BillingPeriod(start, end),
        InvoiceStatus.DRAFT,
        "USD",
        start,
        null,
        null,
        null);
  }
}
