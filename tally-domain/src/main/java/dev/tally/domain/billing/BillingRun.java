package dev.tally.domain.billing;

import dev.tally.domain.account.Account;
import dev.tally.domain.account.AccountStore;
import dev.tally.domain.invoice.InvoiceId;
import dev.tally.domain.invoice.InvoiceStore;
import dev.tally.domain.invoice.InvoiceStore.FinalCharges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

  /** What a run did. */
  public record Result(int finalized) {}

  public Result run() {
    Instant now = clock.instant();
    for (Account account : accounts.list()) {
      invoiceService.ensureDrafts(account);
    }
    int finalized = 0;
    for (InvoiceId id : invoices.draftsEndedBy(now)) {
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
    }
    return new Result(finalized);
  }
}
