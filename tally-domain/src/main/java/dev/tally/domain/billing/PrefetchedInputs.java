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
import dev.tally.domain.usage.MeterId;
import dev.tally.domain.usage.UsageTotal;
import dev.tally.domain.usage.UsageWindow;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The inputs of a chunk of drafts, loaded at once for its accounts ({@link
 * InvoiceService#prefetch}). Answers exactly what the stores would; whatever was not loaded (an
 * account outside the chunk, a usage window or meter not foreseen, the invoices and frozen charges
 * of late-usage corrections) is read from {@code fallback}.
 */
final class PrefetchedInputs implements InvoiceInputs {
  private final Map<AccountId, Account> accounts;
  private final List<Meter> meters;
  private final Map<AccountId, List<Subscription>> subscriptions;
  private final Map<PlanId, Plan> plans;
  private final Set<UsageWindow> windows;
  private final Set<MeterId> meterIds = new HashSet<>();
  private final Map<UsageWindow, List<UsageTotal>> totals;
  private final Map<AccountId, Directory> directories;
  private final Map<AccountId, List<Instant>> latePeriods;
  private final Map<AccountId, List<Discount>> discounts;
  private final Map<AccountId, List<CreditGrant>> creditGrants;
  private final Map<AccountId, Map<String, Money>> consumed;
  private final Map<AccountId, InvoiceId> excluded;
  private final InvoiceInputs fallback;

  PrefetchedInputs(
      Map<AccountId, Account> accounts,
      List<Meter> meters,
      Map<AccountId, List<Subscription>> subscriptions,
      Map<PlanId, Plan> plans,
      Set<UsageWindow> windows,
      Set<Meter> windowMeters,
      Map<UsageWindow, List<UsageTotal>> totals,
      Map<AccountId, Directory> directories,
      Map<AccountId, List<Instant>> latePeriods,
      Map<AccountId, List<Discount>> discounts,
      Map<AccountId, List<CreditGrant>> creditGrants,
      Map<AccountId, Map<String, Money>> consumed,
      Map<AccountId, InvoiceId> excluded,
      InvoiceInputs fallback) {
    this.accounts = accounts;
    this.meters = List.copyOf(meters);
    this.subscriptions = subscriptions;
    this.plans = plans;
    this.windows = windows;
    windowMeters.forEach(meter -> meterIds.add(meter.id()));
    this.totals = totals;
    this.directories = directories;
    this.latePeriods = latePeriods;
    this.discounts = discounts;
    this.creditGrants = creditGrants;
    this.consumed = consumed;
    this.excluded = excluded;
    this.fallback = Objects.requireNonNull(fallback, "fallback");
  }

  /** Whether the chunk's loads covered this account. */
  private boolean loaded(AccountId id) {
    return excluded.containsKey(id);
  }

  @Override
  public Account account(AccountId id) {
    Account account = accounts.get(id);
    return account != null ? account : fallback.account(id);
  }

  @Override
  public List<Meter> meters() {
    return meters;
  }

  @Override
  public List<Subscription> subscriptions(AccountId id, Instant from, Instant to) {
    if (!loaded(id)) {
      return fallback.subscriptions(id, from, to);
    }
    return subscriptions.getOrDefault(id, List.of()).stream()
        .filter(s -> s.startsAt().isBefore(to) && (s.endsAt() == null || s.endsAt().isAfter(from)))
        .toList();
  }

  @Override
  public Plan plan(PlanId id) {
    Plan plan = plans.get(id);
    return plan != null ? plan : fallback.plan(id);
  }

  @Override
  public List<UsageTotal> totals(UsageWindow window, Collection<Meter> meters) {
    Set<MeterId> asked = new HashSet<>();
    meters.forEach(meter -> asked.add(meter.id()));
    if (!windows.contains(window) || !meterIds.containsAll(asked)) {
      return fallback.totals(window, meters);
    }
    return totals.getOrDefault(window, List.of()).stream()
        .filter(total -> asked.contains(total.meterId()))
        .toList();
  }

  @Override
  public Directory directory(AccountId id) {
    Directory directory = directories.get(id);
    return directory != null ? directory : fallback.directory(id);
  }

  @Override
  public List<Instant> latePeriods(AccountId id) {
    return loaded(id) ? latePeriods.getOrDefault(id, List.of()) : fallback.latePeriods(id);
  }

  @Override
  public List<InvoiceHeader> invoices(AccountId id) {
    return fallback.invoices(id);
  }

  @Override
  public InvoiceContent frozen(InvoiceHeader header) {
    return fallback.frozen(header);
  }

  @Override
  public List<Discount> discounts(AccountId id) {
    return loaded(id) ? discounts.getOrDefault(id, List.of()) : fallback.discounts(id);
  }

  @Override
  public List<CreditGrant> creditGrants(AccountId id) {
    return loaded(id) ? creditGrants.getOrDefault(id, List.of()) : fallback.creditGrants(id);
  }

  @Override
  public Map<String, Money> consumed(AccountId id, InvoiceId invoice) {
    return loaded(id) && Objects.equals(excluded.get(id), invoice)
        ? consumed.getOrDefault(id, Map.of())
        : fallback.consumed(id, invoice);
  }
}
