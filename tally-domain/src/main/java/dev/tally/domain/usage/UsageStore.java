package dev.tally.domain.usage;

import dev.tally.domain.account.AccountId;
import dev.tally.domain.time.BillingPeriod;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Where usage events and their hourly buckets are kept. */
public interface UsageStore {
  /**
   * Stores a batch atomically: events whose transaction id the account has already used are
   * skipped, the others are stored and added to their buckets. Events for a period whose invoice is
   * no longer a draft fail the whole batch with a {@link dev.tally.domain.error.Validation} naming
   * them, and nothing is written then; except that with {@link LateUsage#CORRECT} events for a
   * period whose invoice is finalized are stored too, and the period is recorded as one with late
   * usage ({@link #latePeriods}). Returns once the batch is durable.
   */
  IngestResult record(List<MeteredEvent> events, LateUsage lateUsage);

  /** Stores a batch, refusing usage for periods whose invoice is no longer a draft. */
  default IngestResult record(List<MeteredEvent> events) {
    return record(events, LateUsage.REJECT);
  }

  /** The starts of the account's finalized periods that took usage after they were finalized. */
  List<Instant> latePeriods(AccountId accountId);

  /** {@link #latePeriods(AccountId)} of each of these accounts, by account (absent: none). */
  Map<AccountId, List<Instant>> latePeriods(Collection<AccountId> accountIds);

  /**
   * The usage of {@code meters} by group over {@code [from, to)}, aggregated as each meter says,
   * read from the hourly buckets.
   */
  List<UsageTotal> totals(AccountId accountId, Collection<Meter> meters, Instant from, Instant to);

  /**
   * The same as {@link #totals} over the whole of {@code period}, which must be one of the
   * account's billing periods: read from the period's running totals, kept at ingest, so its cost
   * does not grow with the hours of the period.
   */
  List<UsageTotal> periodTotals(
      AccountId accountId, Collection<Meter> meters, BillingPeriod period);

  /**
   * The totals of {@code meters} for each of these windows, in one read: for a window that is a
   * whole billing period the same as {@link #periodTotals}, for any other the same as {@link
   * #totals(AccountId, Collection, Instant, Instant)}, in the same order, by window.
   */
  Map<UsageWindow, List<UsageTotal>> totals(
      Collection<UsageWindow> windows, Collection<Meter> meters);
}
