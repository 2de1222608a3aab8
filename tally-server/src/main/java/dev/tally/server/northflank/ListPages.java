package dev.tally.server.northflank;

import dev.tally.domain.account.Account;
import dev.tally.domain.account.AccountId;
import dev.tally.domain.invoice.DraftVersion;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pages of whole-account invoice lists this node wrote, as bytes, each with what it was written
 * from: the version of the account's drafts read with the invoices (it changes with the account,
 * its tree, subscriptions, adjustments, usage, and the state of any of its invoices, paid or not,
 * whichever node made the change), and until when no new billing period can be missing from it. A
 * page is answered again only while both still hold, checked on every read, so every change shows
 * on the next read as before. The version is read in the same statement as the request's token.
 * Past {@link #KEPT} pages all are dropped.
 */
final class ListPages {
  private static final int KEPT = 2_048;

  /** A page of an account's list: its size, number and cursor (null when absent). */
  record Key(AccountId account, int perPage, long page, String cursor) {}

  private record Page(DraftVersion version, Instant coveredUntil, byte[] body) {}

  private final Map<Key, Page> pages = new ConcurrentHashMap<>();

  /**
   * The page kept for {@code key} if {@code now} is before it could miss a period and it was
   * written from the version {@code current} (read just now; null: unknown); null otherwise.
   */
  byte[] find(Key key, Instant now, DraftVersion current) {
    Page page = pages.get(key);
    if (page == null || current == null || !now.isBefore(page.coveredUntil())) {
      return null;
    }
    return page.version().equals(current) ? page.body() : null;
  }

  /**
   * Keeps {@code body}, written from {@code version}, of an account whose invoices covered every
   * period up to {@code checkedAt}: it holds until the end of the period containing that instant,
   * when a new period (and its draft) begins.
   */
  void keep(Key key, DraftVersion version, Account account, Instant checkedAt, byte[] body) {
    Instant coveredUntil =
        checkedAt.isBefore(account.billingAnchor())
            ? account.billingAnchor()
            : account.cycle().periodContaining(checkedAt).end();
    if (pages.size() >= KEPT) {
      pages.clear();
    }
    pages.put(key, new Page(version, coveredUntil, body));
  }
}
