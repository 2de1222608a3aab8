package dev.tally.server.northflank;

import dev.tally.domain.error.Validation;
import dev.tally.domain.invoice.InvoiceHeader;
import java.util.Comparator;
import java.util.List;

/**
 * One page of an account's invoices, newest period first (ties, which one account cannot have, by
 * id, descending). A cursor selects the invoices strictly after its key in that order (keyset), so
 * a walk by cursors never skips or repeats an invoice while new ones are created; without a cursor,
 * {@code page} counts pages of {@code perPage} from the newest. {@code next} is null on the last
 * page.
 */
record InvoicePage(List<InvoiceHeader> invoices, InvoiceCursor next) {
  /** Newest period first, then id descending: the one order of every list and every cursor. */
  static final Comparator<InvoiceHeader> NEWEST_FIRST =
      Comparator.comparing((InvoiceHeader header) -> header.period().start())
          .thenComparing(header -> header.id().value())
          .reversed();

  InvoicePage {
    invoices = List.copyOf(invoices);
  }

  /**
   * The page of {@code all} (an account's invoices in any order) that {@code cursor} or, when it is
   * null, {@code page} selects. A cursor that names none of these invoices is a 400.
   */
  static InvoicePage of(List<InvoiceHeader> all, int perPage, long page, InvoiceCursor cursor) {
    List<InvoiceHeader> ordered = all.stream().sorted(NEWEST_FIRST).toList();
    int from;
    if (cursor != null) {
      InvoiceHeader last =
          ordered.stream()
              .filter(cursor::names)
              .findFirst()
              .orElseThrow(
                  () ->
                      Validation.of(
                          "cursor", "is not a cursor of this invoice list; pass one that it gave"));
      from = (int) ordered.stream().filter(h -> NEWEST_FIRST.compare(h, last) <= 0).count();
    } else {
      from = (int) Math.min(ordered.size(), (page - 1) * perPage);
    }
    int to = Math.min(ordered.size(), from + perPage);
    List<InvoiceHeader> invoices = ordered.subList(from, to);
    InvoiceCursor next = to < ordered.size() ? InvoiceCursor.after(ordered.get(to - 1)) : null;
    return new InvoicePage(invoices, next);
  }
}
