package dev.tally.domain.billing;

import dev.tally.domain.account.Account;
import dev.tally.domain.account.AccountId;
import dev.tally.domain.account.AccountStore;
import dev.tally.domain.error.NotFound;
import dev.tally.domain.invoice.AdjustmentStore;
import dev.tally.domain.invoice.Adjustments;
import dev.tally.domain.invoice.Adjustments.AvailableCredit;
import dev.tally.domain.invoice.CreditGrant;
import dev.tally.domain.invoice.Invoice;
import dev.tally.domain.invoice.InvoiceCalculator;
import dev.tally.domain.invoice.InvoiceContent;
import dev.tally.domain.invoice.InvoiceHeader;
import dev.tally.domain.invoice.InvoiceId;
import dev.tally.domain.invoice.InvoiceLine;
import dev.tally.domain.invoice.InvoiceStatus;
import dev.tally.domain.invoice.InvoiceStore;
import dev.tally.domain.invoice.LatePeriod;
import dev.tally.domain.invoice.LineKind;
import dev.tally.domain.invoice.PlanSpan;
import dev.tally.domain.money.Money;
import dev.tally.domain.pricing.CatalogStore;
import dev.tally.domain.pricing.Plan;
import dev.tally.domain.pricing.Subscription;
import dev.tally.domain.time.BillingPeriod;
import dev.tally.domain.usage.Meter;
import dev.tally.domain.usage.MeterId;
import dev.tally.domain.usage.UsageStore;
import dev.tally.domain.usage.UsageTotal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Serves invoices: a draft's charges are drawn live from the usage buckets on every read, so an
 * acknowledged event shows at once; a final invoice's charges are the ones frozen when it was
 * finalized.
 */
public final class InvoiceService {
  private final AccountStore accounts;
  private final CatalogStore catalog;
  private final UsageStore usage;
  private final InvoiceStore invoices;
  private final AdjustmentStore adjustments;
  private final Clock clock;
  private final InvoiceCalculator calculator = new InvoiceCalculator();

  public InvoiceService(
      AccountStore accounts,
      CatalogStore catalog,
      UsageStore usage,
      InvoiceStore invoices,
      AdjustmentStore adjustments,
      Clock clock) {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.usage = Objects.requireNonNull(usage, "usage");
    this.invoices = Objects.requireNonNull(invoices, "invoices");
    this.adjustments = Objects.requireNonNull(adjustments, "adjustments");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Account account(AccountId id) {
    return accounts.find(id).orElseThrow(() -> new NotFound("account", id.value()));
  }

  /** Creates the drafts of every period from the account's anchor up to the current one. */
  public void ensureDrafts(Account account) {
    Instant now = clock.instant();
    if (now.isBefore(account.billingAnchor())) {
      return;
    }
    List<BillingPeriod> periods =
        account.cycle().periodsOverlapping(account.billingAnchor(), now.plusNanos(1));
    invoices.ensureDrafts(account.id(), account.currency(), periods, now);
  }

  /** The account's invoices with their charges, newest period first. */
  public List<Invoice> list(AccountId accountId) {
    Account account = account(accountId);
    ensureDrafts(account);
    List<Invoice> result = new ArrayList<>();
    for (InvoiceHeader header : invoices.list(accountId)) {
      result.add(new Invoice(header, charges(header)));
    }
    return result;
  }

  /**
   * The header of the account's invoice {@code id}; an invoice of another account is not found,
   * exactly as an unknown one.
   */
  public InvoiceHeader header(AccountId accountId, InvoiceId id) {
    return invoices
        .find(id)
        .filter(header -> header.accountId().equals(accountId))
        .orElseThrow(() -> new NotFound("invoice", id.value()));
  }

  public Invoice get(InvoiceId id) {
    InvoiceHeader header = invoices.find(id).orElseThrow(() -> new NotFound("invoice", id.value()));
    return new Invoice(header, charges(header));
  }

  /**
   * The invoice of the period that contains {@code instant}, if the account has one: the one that
   * is not void, or the latest void one when the period has only void invoices.
   */
  public Optional<Invoice> containing(AccountId accountId, Instant instant) {
    Account account = account(accountId);
    ensureDrafts(account);
    BillingPeriod period = account.cycle().periodContaining(instant);
    return invoices.list(accountId).stream()
        .filter(header -> header.period().equals(period))
        .min(
            Comparator.comparing((InvoiceHeader header) -> header.status() == InvoiceStatus.VOID)
                .thenComparing(InvoiceHeader::createdAt, Comparator.reverseOrder()))
        .map(header -> new Invoice(header, charges(header)));
  }

  /** The invoice's charges: frozen ones for a final or void invoice, live ones for a draft. */
  public InvoiceContent charges(InvoiceHeader header) {
    if (header.status() != InvoiceStatus.DRAFT) {
      return invoices
          .content(header.id())
          .orElseThrow(
              () -> new IllegalStateException("final invoice without charges: " + header.id()));
    }
    return calculate(header);
  }

  /**
   * Draws the invoice's charges from the current usage, plans, breakdown tree, corrections for late
   * usage of finalized periods, discounts and credit grants. A grant's balance for this invoice is
   * its amount less what the account's other finalized invoices consumed, so a draft shows the
   * credit it would use without consuming it.
   */
  public InvoiceContent calculate(InvoiceHeader header) {
    Account account = account(header.accountId());
    Map<MeterId, Meter> meters = new LinkedHashMap<>();
    catalog.meters().forEach(meter -> meters.put(meter.id(), meter));
    return calculator.calculate(
        header.period(),
        account.taxPercent(),
        spans(account, header.period(), meters),
        meters,
        accounts.directory(account.id()),
        corrections(account, header, meters),
        adjustments(account.id(), header.id()));
  }

  /** The account's plan spans in {@code period}, each with its usage of the meters it prices. */
  private List<PlanSpan> spans(Account account, BillingPeriod period, Map<MeterId, Meter> meters) {
    List<PlanSpan> spans = new ArrayList<>();
    for (Subscription subscription :
        catalog.subscriptions(account.id(), period.start(), period.end())) {
      BillingPeriod span = period.intersect(subscription.startsAt(), subscription.endsAt());
      if (span == null) {
        continue;
      }
      Plan plan =
          catalog
              .findPlan(subscription.planId())
              .orElseThrow(() -> new IllegalStateException("no plan " + subscription.planId()));
      List<Meter> priced =
          plan.prices().stream()
              .map(price -> meters.get(price.meterId()))
              .filter(Objects::nonNull)
              .toList();
      // Usage is bucketed by hour: a bucket is priced by the subscription in force at the start
      // of its hour, with subscription boundaries rounded down to the hour (docs/invoices.md).
      Instant from = span.start().truncatedTo(ChronoUnit.HOURS);
      Instant to = span.end().truncatedTo(ChronoUnit.HOURS);
      List<UsageTotal> totals =
          from.equals(period.start()) && to.equals(period.end())
              ? usage.periodTotals(account.id(), priced, period)
              : usage.totals(account.id(), priced, from, to);
      spans.add(new PlanSpan(plan, span, totals));
    }
    return spans;
  }

  /**
   * The correction lines {@code draft} carries: for each finalized period that took late usage, the
   * account's earliest draft after that period carries its corrections, so that they are frozen by
   * the next invoice to be issued, never by two, and a repeated billing run finds nothing left to
   * correct. Only accounts with late usage pay for reading frozen charges.
   */
  private List<InvoiceLine> corrections(
      Account account, InvoiceHeader draft, Map<MeterId, Meter> meters) {
    if (draft.status() != InvoiceStatus.DRAFT) {
      return List.of();
    }
    List<Instant> latePeriods = usage.latePeriods(account.id());
    if (latePeriods.isEmpty()) {
      return List.of();
    }
    List<InvoiceHeader> headers = invoices.list(account.id());
    Map<InvoiceId, InvoiceContent> frozen = new HashMap<>();
    List<InvoiceLine> lines = new ArrayList<>();
    for (Instant start : latePeriods.stream().sorted().toList()) {
      Optional<InvoiceHeader> finalized =
          headers.stream()
              .filter(header -> header.period().start().equals(start))
              .filter(header -> header.status() == InvoiceStatus.FINALIZED)
              .findFirst();
      Optional<InvoiceHeader> carrier =
          headers.stream()
              .filter(header -> header.status() == InvoiceStatus.DRAFT)
              .filter(header -> header.period().start().isAfter(start))
              .min(Comparator.comparing(header -> header.period().start()));
      if (finalized.isEmpty() || carrier.isEmpty() || !carrier.get().id().equals(draft.id())) {
        continue;
      }
      List<InvoiceLine> charged = new ArrayList<>();
      for (InvoiceHeader header : headers) {
        if (header.status() != InvoiceStatus.FINALIZED || header.period().start().isBefore(start)) {
          continue;
        }
        boolean corrected = header.period().start().equals(start);
        for (InvoiceLine line :
            frozen.computeIfAbsent(header.id(), id -> charges(header)).lines()) {
          boolean charges =
              corrected
                  ? line.kind() == LineKind.USAGE
                  : line.kind() == LineKind.CORRECTION && line.span().start().equals(start);
          if (charges) {
            charged.add(line);
          }
        }
      }
      BillingPeriod period = finalized.get().period();
      lines.addAll(
          calculator.corrections(
              new LatePeriod(period, spans(account, period, meters), charged), meters));
    }
    return lines;
  }

  /** The account's discounts, and its credit grants with the balance left for {@code invoice}. */
  private Adjustments adjustments(AccountId accountId, InvoiceId invoice) {
    Map<String, Money> consumed = adjustments.consumed(accountId, invoice);
    List<AvailableCredit> credits = new ArrayList<>();
    for (CreditGrant grant : adjustments.creditGrants(accountId)) {
      credits.add(
          new AvailableCredit(
              grant, grant.amount().minus(consumed.getOrDefault(grant.id(), Money.ZERO))));
    }
    return new Adjustments(adjustments.discounts(accountId), credits);
  }
}
