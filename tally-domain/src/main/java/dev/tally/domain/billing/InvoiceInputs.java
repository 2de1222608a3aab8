package dev.tally.domain.billing;

import dev.tally.domain.account.Account;
import dev.tally.domain.account.AccountId;
import dev.tally.domain.account.Directory;
import dev.tally.domain.invoice.CreditGrant;
import dev.tally.domain.invoice.Discount;
import dev.tally.domain.invoice.InvoiceContent;
import dev.tally.domain.invoice.InvoiceHeader;
import dev.tally.domain.invoice.InvoiceId;
import dev.tally.domain.money.Money;
import dev.tally.domain.pricing.Plan;
import dev.tally.domain.pricing.PlanId;
import dev.tally.domain.pricing.Subscription;
import dev.tally.domain.usage.Meter;
import dev.tally.domain.usage.UsageTotal;
import dev.tally.domain.usage.UsageWindow;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What drawing an invoice reads, as {@link InvoiceService#calculate} asks for it: from the stores
 * one question at a time, or from a billing run's chunk of drafts loaded with one query per kind
 * ({@link PrefetchedInputs}).
 */
interface InvoiceInputs {
  Account account(AccountId id);

  /** Every meter, in the catalog's order. */
  List<Meter> meters();

  /** The account's subscriptions that overlap {@code [from, to)}, oldest first. */
  List<Subscription> subscriptions(AccountId id, Instant from, Instant to);

  Plan plan(PlanId id);

  /** The usage of {@code meters} in the window. */
  List<UsageTotal> totals(UsageWindow window, Collection<Meter> meters);

  Directory directory(AccountId id);

  List<Instant> latePeriods(AccountId id);

  /** The account's invoices, newest period first. */
  List<InvoiceHeader> invoices(AccountId id);

  /** The frozen charges of a finalized or void invoice. */
  InvoiceContent frozen(InvoiceHeader header);

  List<Discount> discounts(AccountId id);

  List<CreditGrant> creditGrants(AccountId id);

  /**
   * Credit consumed per grant id by the account's finalized invoices other than {@code invoice}.
   */
  Map<String, Money> consumed(AccountId id, InvoiceId invoice);
}
