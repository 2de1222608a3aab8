package dev.tally.server.metronome;

import dev.tally.domain.account.Account;
import dev.tally.domain.account.AccountId;
import dev.tally.domain.invoice.InvoiceHeader;
import dev.tally.domain.invoice.InvoiceStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a listing of a customer's invoices asks for: filters, order, page size and where it resumes.
 * Null filters match everything; {@code nextPage} is the cursor as given, null on the first page.
 *
 * <p>The order is the billing period, oldest first for {@code date_asc} (the default) and newest
 * first for {@code date_desc}. It is the order of issue dates: every invoice is issued by the first
 * billing run after its period ends, oldest period first, and a draft, not issued yet, sorts by its
 * period end, the date it will be issued. Unlike an issue date, the period never changes, so a
 * cursor stays exact while drafts are finalized.
 */
record InvoiceQuery(
    AccountId customer,
    int limit,
    String status,
    String type,
    String creditTypeId,
    String contractId,
    Instant startingOn,
    Instant endingBefore,
    boolean descending,
    boolean skipZeroQuantityLines,
    String nextPage) {
  static final int DEFAULT_LIMIT = 25;
  static final int MAX_LIMIT = 100;

  /** Every Tally invoice is a usage invoice: the charges of one billing period. */
  static final String TALLY_TYPE = "USAGE";

  static final List<String> TYPES = List.of(TALLY_TYPE, "USAGE_CONSOLIDATED", "SCHEDULED");
  static final List<String> SORTS = List.of("date_asc", "date_desc");
  static final List<String> STATUSES =
      Arrays.stream(InvoiceStatus.values()).map(InvoiceStatus::name).toList();

  private static final Comparator<InvoiceCursor> OLDEST_FIRST =
      Comparator.comparing(InvoiceCursor::periodStart).thenComparing(InvoiceCursor::invoiceId);

  InvoiceQuery {
    Objects.requireNonNull(customer, "customer");
  }

  /**
   * Reads the query of {@code GET /v1/customers/{customer}/invoices}, or a 400 naming each fault.
   */
  static InvoiceQuery parse(QueryParams params, AccountId customer) {
    int limit = params.integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
    String status = params.choice("status", STATUSES);
    String type = params.choice("type", TYPES);
    String sort = params.choice("sort", SORTS);
    String creditTypeId = params.text("credit_type_id");
    String contractId = params.text("contract_id");
    Instant startingOn = params.instant("starting_on");
    Instant endingBefore = params.instant("ending_before");
    boolean skipZero = params.bool("skip_zero_qty_line_items");
    String nextPage = params.text("next_page");
    if (startingOn != null && endingBefore != null && startingOn.isAfter(endingBefore)) {
      params.errors().add("starting_on", "must not be after ending_before");
    }
    params.throwIfAny();
    InvoiceQuery query =
        new InvoiceQuery(
            customer,
            limit,
            status,
            type,
            creditTypeId,
            contractId,
            startingOn,
            endingBefore,
            "date_desc".equals(sort),
            skipZero,
            nextPage);
    query.after(); // a bad next_page is a 400 before anything is read
    return query;
  }

  /**
   * Where the page starts: after the cursor's invoice, or null on the first page. A {@code
   * next_page} that Tally did not issue for this customer and query is a 400.
   */
  InvoiceCursor after() {
    return nextPage == null ? null : InvoiceCursor.decode(nextPage, canonical());
  }

  /**
   * The customer, filters and order in one unambiguous text, which a cursor is bound to. Page size
   * and line filtering may change from page to page, so they are not part of it.
   */
  String canonical() {
    StringBuilder text = new StringBuilder();
    for (Object part :
        List.of(
            customer.value(),
            descending ? "desc" : "asc",
            Objects.toString(status, ""),
            Objects.toString(type, ""),
            Objects.toString(creditTypeId, ""),
            Objects.toString(contractId, ""),
            Objects.toString(startingOn, ""),
            Objects.toString(endingBefore, ""))) {
      String value = part.toString();
      text.append(value.length()).append(':').append(value).append(';');
    }
    return text.toString();
  }

  /**
   * Whether the invoice passes every filter. {@code starting_on} is inclusive (periods that start
   * at or after it) and {@code ending_before} exclusive: a period is half-open, so one that ends
   * exactly at {@code ending_before} lies wholly before it and is included.
   */
  boolean matches(InvoiceHeader header, Account account) {
    return (status == null || status.equals(header.status().name()))
        && (type == null || type.equals(TALLY_TYPE))
        && (creditTypeId == null || CreditType.of(header.currency()).isNamedBy(creditTypeId))
        && (contractId == null || contractId.equals(account.contractId()))
        && (startingOn == null || !header.period().start().isBefore(startingOn))
        && (endingBefore == null || !header.period().end().isAfter(endingBefore));
  }

  /** The page of {@code headers} (all of the customer's invoices) that this query selects. */
  Page page(List<InvoiceHeader> headers, Account account) {
    InvoiceCursor after = after();
    Comparator<InvoiceCursor> order = descending ? OLDEST_FIRST.reversed() : OLDEST_FIRST;
    List<InvoiceHeader> selected =
        headers.stream()
            .filter(header -> matches(header, account))
            .filter(header -> after == null || order.compare(InvoiceCursor.at(header), after) > 0)
            .sorted(Comparator.comparing(InvoiceCursor::at, order))
            .limit(limit + 1L)
            .toList();
    if (selected.size() <= limit) {
      return new Page(selected, null);
    }
    List<InvoiceHeader> page = selected.subList(0, limit);
    return new Page(page, InvoiceCursor.at(page.getLast()).encode(canonical()));
  }

  /** One page of invoices, and the cursor of the next page or null on the last page. */
  record Page(List<InvoiceHeader> invoices, String nextPage) {}
}
