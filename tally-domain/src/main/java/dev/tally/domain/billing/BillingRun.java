package dev.tally.domain.billing;

import dev.tally.domain.account.Account;
import dev.tally.domain.account.AccountStore;
import dev.tally.domain.invoice.InvoiceId;
import dev.tally.domain.invoice.InvoiceStore;
import dev.tally.domain.invoice.InvoiceStore.FinalCharges;
import dev.tally.domain.time.BillingPeriod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finalizes every draft invoice whose period and grace period have ended: its charges are drawn
 * once more and frozen with the issue date (now), the due date (now plus the account's payment
 * terms) and the account's next invoice number. Until then late usage still lands in the draft.
 * Safe to repeat and to run concurrently: each invoice is finalized once, in one transaction.
 */
public final class BillingRun {
  private final AccountStore accounts;
  private final InvoiceStore invoices;
  private final InvoiceService invoiceService;
  private final Clock clock;
  private final Duration gracePeriod;

  public BillingRun(
      AccountStore accounts,
      InvoiceStore invoices,
      InvoiceService invoiceService,
      Clock clock,
      Duration gracePeriod) {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.invoices = Objects.requireNonNull(invoices, "invoices");
    this.invoiceService = Objects.requireNonNull(invoiceService, "invoiceService");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.gracePeriod = Objects.requireNonNull(gracePeriod, "gracePeriod");
    if (gracePeriod.isNegative()) {
      throw new IllegalArgumentException("the grace period must not be negative");
    }
  }

  /** How long after its period's end a draft still takes late usage. */
  public Duration gracePeriod() {
    return gracePeriod;
  }

  /** Whether an invoice of {@code period} is due to be finalized at {@code now}. */
  public boolean isDue(BillingPeriod period, Instant now) {
    return !period.end().plus(gracePeriod).isAfter(now);
  }

  /** What a run did: invoices finalized now, and drafts that could not be finalized. */
  public record Result(int finalized, List<InvoiceId> failed) {
    public Result {
      failed = List.copyOf(failed);
    }
  }

  public Result run() {
    Instant now = clock.instant();
    for (Account account : accounts.list()) {
      invoiceService.ensureDrafts(account);
    }
    int finalized = 0;
    List<InvoiceId> failures = new ArrayList<>();
    for (InvoiceId id : invoices.draftsEndedBy(now.minus(gracePeriod))) {
      try {
        if (finalize(id, now)) {
          finalized++;
        }
      } catch (RuntimeException e) {
        // One invoice that cannot be drawn must not hold up everyone else's billing: it stays a
        // draft, is reported, and the next run tries it again.
        failures.add(id);
      }
    }
    return new Result(finalized, failures);
  }

  /** Finalizes one draft now, whatever its period; false when it was not (any longer) a draft. */
  boolean finalize(InvoiceId id, Instant now) {
    return invoices.finalizeDraft(
        id,
        now,
        header -> {
          Account account = invoiceService.account(header.accountId());
          return new FinalCharges(
              invoiceService.calculate(header),
              now.plus(Duration.ofDays(account.paymentTermsDays())));
        });
  }
}
