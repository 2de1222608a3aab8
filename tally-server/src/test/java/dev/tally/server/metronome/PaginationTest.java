package dev.tally.server.metronome;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Paging by {@code next_page} as the SDK does it: the original query again plus the cursor, until
 * the cursor is null. Every walk must give each invoice exactly once, in order.
 */
class PaginationTest {
  private static final String LIST = "/v1/customers/acme/invoices";

  /** The ids of one page, and its cursor (null on the last page). */
  private record Page(List<String> ids, String next) {}

  private static Page page(MetronomeFixture tally, String query, String cursor) {
    String separator = query.isEmpty() ? "?" : "&";
    JsonNode body =
        tally.ok(LIST + query + (cursor == null ? "" : separator + "next_page=" + cursor));
    List<String> ids = new ArrayList<>();
    body.path("data").forEach(invoice -> ids.add(invoice.path("id").asText()));
    JsonNode next = body.path("next_page");
    assertThat(next.isMissingNode()).as("next_page is always present").isFalse();
    return new Page(ids, next.isNull() ? null : next.asText());
  }

  /** Walks every page of {@code query} (which holds a limit) and returns the ids in order. */
  private static List<String> walk(MetronomeFixture tally, String query, int limit) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      Page page = page(tally, query, cursor);
      assertThat(page.ids()).hasSizeLessThanOrEqualTo(limit);
      if (page.next() != null) {
        assertThat(page.ids()).hasSize(limit);
        assertThat(page.next()).matches("[A-Za-z0-9_-]+");
      }
      ids.addAll(page.ids());
      cursor = page.next();
    } while (cursor != null);
    return ids;
  }

  /** The ids of {@code first} and of every page after it, walked with {@code query}. */
  private static List<String> resume(MetronomeFixture tally, String query, Page first) {
    List<String> ids = new ArrayList<>(first.ids());
    for (String cursor = first.next(); cursor != null; ) {
      Page page = page(tally, query, cursor);
      ids.addAll(page.ids());
      cursor = page.next();
    }
    return ids;
  }

  @Test
  void everyPageSizeWalksEveryInvoiceOnceInOrder() {
    try (MetronomeFixture tally = MetronomeFixture.seeded()) {
      for (String sort : List.of("date_asc", "date_desc")) {
        List<String> all = page(tally, "?limit=100&sort=" + sort, null).ids();
        assertThat(all).hasSize(15).doesNotHaveDuplicates();
        for (int limit = 1; limit <= 16; limit++) {
          assertThat(walk(tally, "?sort=" + sort + "&limit=" + limit, limit))
              .as("%s by %d", sort, limit)
              .isEqualTo(all);
        }
      }
      List<String> finalized = page(tally, "?status=FINALIZED", null).ids();
      assertThat(finalized).hasSize(13);
      assertThat(walk(tally, "?status=FINALIZED&limit=4", 4)).isEqualTo(finalized);
      List<String> range =
          page(tally, "?starting_on=2025-03-01T00:00:00Z&ending_before=2026-01-01T00:00:00Z", null)
              .ids();
      assertThat(
              walk(
                  tally,
                  "?starting_on=2025-03-01T00:00:00Z&ending_before=2026-01-01T00:00:00Z&limit=3",
                  3))
          .isEqualTo(range);
    }
  }

  @Test
  void aFullLastPageEndsWithANullCursorNotAnEmptyPage() {
    try (MetronomeFixture tally = MetronomeFixture.seeded()) {
      assertThat(page(tally, "?limit=15", null).next()).isNull();
      Page first = page(tally, "?limit=14", null);
      assertThat(first.next()).isNotNull();
      assertThat(page(tally, "?limit=14", first.next()).ids()).hasSize(1);
      assertThat(page(tally, "", null).ids()).hasSize(15);
    }
  }

  @Test
  void thePageSizeMayChangeBetweenPages() {
    try (MetronomeFixture tally = MetronomeFixture.seeded()) {
      List<String> all = page(tally, "?limit=100", null).ids();
      Page first = page(tally, "?limit=3", null);
      Page rest = page(tally, "?limit=100", first.next());
      List<String> walked = new ArrayList<>(first.ids());
      walked.addAll(rest.ids());
      assertThat(walked).isEqualTo(all);
      assertThat(rest.next()).isNull();
    }
  }

  @Test
  void newInvoicesAndFinalizationDuringAnAscendingWalkCauseNoGapOrRepeat() {
    try (MetronomeFixture tally = MetronomeFixture.seeded()) {
      List<String> before = page(tally, "?limit=100", null).ids();
      Page first = page(tally, "?limit=5", null);
      // two months later: March 2026 is finalized, April and May 2026 appear
      tally.clock.set(Instant.parse("2026-05-10T12:00:00Z"));
      tally.billingRun();
      List<String> walked = resume(tally, "?limit=5", first);
      List<String> after = page(tally, "?limit=100", null).ids();
      assertThat(after).hasSize(17).startsWith(before.toArray(String[]::new));
      assertThat(walked).isEqualTo(after);
    }
  }

  @Test
  void newInvoicesDuringADescendingWalkCauseNoGapOrRepeat() {
    try (MetronomeFixture tally = MetronomeFixture.seeded()) {
      List<String> before = page(tally, "?sort=date_desc&limit=100", null).ids();
      Page first = page(tally, "?sort=date_desc&limit=4", null);
      tally.clock.set(Instant.parse("2026-05-10T12:00:00Z"));
      tally.billingRun();
      List<String> walked = resume(tally, "?sort=date_desc&limit=4", first);
      // the new, newer invoices sort before the cursor: this walk does not see them
      assertThat(walked).isEqualTo(before);
      assertThat(page(tally, "?sort=date_desc&limit=100", null).ids())
          .hasSize(17)
          .endsWith(before.toArray(String[]::new));
    }
  }

  @Test
  void aCursorIsBoundToItsCustomerAndQuery() {
    try (MetronomeFixture tally = MetronomeFixture.seeded()) {
      String cursor = page(tally, "?limit=2&status=FINALIZED", null).next();
      assertThat(page(tally, "?limit=2&status=FINALIZED", cursor).ids()).hasSize(2);
      for (String other :
          List.of(
              "?limit=2",
              "?limit=2&status=DRAFT",
              "?limit=2&status=FINALIZED&sort=date_desc",
              "?limit=2&status=FINALIZED&starting_on=2025-01-01T00:00:00Z",
              "?limit=2&status=FINALIZED&contract_id=contract-acme",
              "?limit=2&status=FINALIZED&credit_type_id=USD",
              "?limit=2&status=FINALIZED&type=USAGE",
              "?limit=2&status=FINALIZED&ending_before=2027-01-01T00:00:00Z")) {
        MetronomeFixture.Reply reply = tally.get(LIST + other + "&next_page=" + cursor);
        assertThat(reply.status()).as(other).isEqualTo(400);
        assertThat(reply.json().path("errors").get(0).path("field").asText())
            .isEqualTo("next_page");
      }
      MetronomeFixture.Reply otherCustomer =
          tally.get("/v1/customers/globex/invoices?limit=2&status=FINALIZED&next_page=" + cursor);
      assertThat(otherCustomer.status()).isEqualTo(400);
      assertThat(
              tally
                  .get(
                      LIST
                          + "?limit=2&status=FINALIZED&skip_zero_qty_line_items=true&next_page="
                          + cursor)
                  .status())
          .isEqualTo(200);
    }
  }
}
