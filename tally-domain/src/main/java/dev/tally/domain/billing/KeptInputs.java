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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * An account's draft inputs that only the admin API and invoice changes touch (the account, its
 * subscriptions, tree, discounts, credit grants, the credit consumed, its invoices and their frozen
 * charges), kept once read for as long as their version ({@link
 * dev.tally.domain.invoice.DraftVersion#inputs}) is unchanged. Usage and late periods, which ingest
 * changes, are always read from {@code source}; so are meters and plans (kept by the catalog).
 */
final class KeptInputs implements InvoiceInputs {
  private final String version;
  private final InvoiceInputs source;
  private final Map<List<Object>, Object> kept = new ConcurrentHashMap<>();

  KeptInputs(String version, InvoiceInputs source) {
    this.version = version;
    this.source = source;
  }

  /** The version of the inputs kept here. */
  String version() {
    return version;
  }

  @SuppressWarnings("unchecked")
  private <T> T kept(List<Object> key, Supplier<T> read) {
    Object known = kept.get(key);
    if (known == null) {
      known = read.get();
      Object raced = kept.putIfAbsent(key, known);
      if (raced != null) {
        known = raced;
      }
    }
    return (T) known;
  }

  @Override
  public Account account(AccountId id) {
    return kept(List.of("account", id), () -> source.account(id));
  }

  @Override
  public List<Meter> meters() {
    return source.meters();
  }

  @Override
  public List<Subscription> subscriptions(AccountId id, Instant from, Instant to) {
    return kept(List.of("subscriptions", id, from, to), () -> source.subscriptions(id, from, to));
  }

  @Override
  public Plan plan(PlanId id) {
    return source.plan(id);
  }

  @Override
  public List<UsageTotal> totals(UsageWindow window, Collection<Meter> meters) {
    return source.totals(window, meters);
  }

  @Override
  public Directory directory(AccountId id) {
    return kept(List.of("directory", id), () -> source.directory(id));
  }

  @Override
  public List<Instant> latePeriods(AccountId id) {
    return source.latePeriods(id);
  }

  @Override
  public List<InvoiceHeader> invoices(AccountId id) {
    return kept(List.of("invoices", id), () -> source.invoices(id));
  }

  @Override
  public InvoiceContent frozen(InvoiceHeader header) {
    return kept(List.of("frozen", header.id()), () -> source.frozen(header));
  }

  @Override
  public List<Discount> discounts(AccountId id) {
    return kept(List.of("discounts", id), () -> source.discounts(id));
  }

  @Override
  public List<CreditGrant> creditGrants(AccountId id) {
    return kept(List.of("creditGrants", id), () -> source.creditGrants(id));
  }

  @Override
  public Map<String, Money> consumed(AccountId id, InvoiceId invoice) {
    return kept(List.of("consumed", id, invoice), () -> source.consumed(id, invoice));
  }
}
