package dev.tally.domain.billing;

import dev.tally.domain.account.Account;
import dev.tally.domain.account.AccountStore;
import dev.tally.domain.invoice.InvoiceId;
import dev.tally.domain.invoice.InvoiceStore;
import dev.tally.domain.invoice.InvoiceStore.FinalCharges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finalizes every draft invoice whose period has ended: its charges are drawn once more and frozen
 * with the issue date (now) and the due date (now plus the account's payment terms). Safe to repeat
 * and to run concurrently: each invoice is finalized once, in one transaction.
 */
public final class BillingRun {
  private final AccountStore accounts;
  private final InvoiceStore invoices;
  private final InvoiceService invoiceService;
  private final Clock clock;

  public BillingRun(
      AccountStore accounts, InvoiceStore invoices, InvoiceService invoiceService, Clock clock) {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.invoices = Objects.requireNonNull(invoices, "invoices");
    this.invoiceService = Objects.requireNonNull(invoiceService, "invoiceService");
    this.clock = Objects.requireNonNull(clock, "clock");
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
    for (InvoiceId id : invoices.draftsEndedBy(now)) {
      try {
        boolean done =
            invoices.finalizeDraft(
                id,
                now,
                header -> {
                  Account account = invoiceService.account(header.accountId());
                  return new FinalCharges(
                      invoiceService.calculate(header),
                      now.plus(Duration.ofDays(account.paymentTermsDays())));
                });
        if (done) {
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
}
