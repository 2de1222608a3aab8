package dev.tally.domain.billing;

import dev.tally.domain.account.Account;
import dev.tally.domain.account.AccountId;
import dev.tally.domain.account.AccountStore;
import dev.tally.domain.account.Directory;
import dev.tally.domain.error.NotFound;
import dev.tally.domain.invoice.AdjustmentStore;
import dev.tally.domain.invoice.Adjustments;
import dev.tally.domain.invoice.Adjustments.AvailableCredit;
import dev.tally.domain.invoice.CreditGrant;
import dev.tally.domain.invoice.Discount;
import dev.tally.domain.invoice.DraftVersion;
import dev.tally.domain.invoice.Invoice;
import dev.tally.domain.invoice.InvoiceCalculator;
import dev.tally.domain.invoice.InvoiceContent;
import dev.tally.domain.invoice.InvoiceHeader;
import dev.tally.domain.invoice.InvoiceId;
import dev.tally.domain.invoice.InvoiceLine;
import dev.tally.domain.invoice.InvoiceStatus;
import dev.tally.domain.invoice.InvoiceStore;
import dev.tally.domain.invoice.InvoiceStore.NewDraft;
import dev.tally.domain.invoice.LatePeriod;
import dev.tally.domain.invoice.LineKind;
import dev.tally.domain.invoice.ListedInvoice;
import dev.tally.domain.invoice.PlanSpan;
import dev.tally.domain.money.Money;
import dev.tally.domain.pricing.CatalogStore;
import dev.tally.domain.pricing.Plan;
import dev.tally.domain.pricing.PlanId;
import dev.tally.domain.pricing.Subscription;
import dev.tally.domain.time.BillingPeriod;
import dev.tally.domain.usage.Meter;
import dev.tally.domain.usage.MeterId;
import dev.tally.domain.usage.UsageStore;
import dev.tally.domain.usage.UsageTotal;
import dev.tally.domain.usage.UsageWindow;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
  private final Map<InvoiceId, DrawnDraft> drawnDrafts = new ConcurrentHashMap<>();
  private final Map<AccountId, KeptInputs> keptInputs = new ConcurrentHashMap<>();
  private final Map<AccountId, RevisedAccount> revisedAccounts = new ConcurrentHashMap<>();
  private final InvoiceInputs live = new LiveInputs(null);

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
    ensureDrafts(List.of(account));
  }

  /** The periods from the account's anchor up to the current one, oldest first. */
  private List<BillingPeriod> periodsSoFar(Account account, Instant now) {
    return now.isBefore(account.billingAnchor())
        ? List.of()
        : account.cycle().periodsOverlapping(account.billingAnchor(), now.plusNanos(1));
  }

  /**
   * The account's invoices as a list shows them: newest period first, with the totals frozen with
   * each final one (null for drafts), read in one statement with the version of the account's
   * drafts (so that {@link #charges(InvoiceHeader, InvoiceList)} draws or reuses a draft without
   * reading the version again), after creating the drafts of the periods that have no invoice yet.
   * Reading is enough when every period up to now has one (as it has once any read, ingest or
   * billing run has created them): then nothing is written. The account is read again only when its
   * revision, read with the invoices, differs from the one this node last read it at.
   */
  public InvoiceList listed(AccountId accountId) {
    InvoiceStore.Listing first = invoices.listing(accountId);
    Account account = account(accountId, first.revision());
    InvoiceStore.Listing listing = withDrafts(account, first);
    if (listing != first) {
      account = account(accountId, listing.revision());
    }
    return new InvoiceList(account, listing.invoices(), listing.version());
  }

  /** {@code listing}, or when it misses a period's draft, read again after creating them. */
  private InvoiceStore.Listing withDrafts(Account account, InvoiceStore.Listing listing) {
    if (!missesDrafts(account, headersOf(listing.invoices()))) {
      return listing;
    }
    ensureDrafts(account);
    return invoices.listing(account.id());
  }

  /**
   * An account's invoices as {@link #listed(AccountId)} read them, with the account and the version
   * of its drafts' inputs read with them (null when it has no invoices).
   */
  public record InvoiceList(Account account, List<ListedInvoice> invoices, DraftVersion version) {
    public InvoiceList {
      Objects.requireNonNull(account, "account");
      invoices = List.copyOf(invoices);
    }
  }

  /** The account as of {@code revision} (null: unknown), read again only when that changed. */
  private Account account(AccountId id, Long revision) {
    RevisedAccount known = revisedAccounts.get(id);
    if (revision != null && known != null && known.revision() == revision) {
      return known.account();
    }
    // Read after the revision, so it is at least as new as that revision: an account kept under a
    // revision is never older than the revision says.
    Account account = account(id);
    if (revision != null) {
      keep(revisedAccounts, id, new RevisedAccount(revision, account));
    }
    return account;
  }

  /** An account as read after its revision was {@code revision}. */
  private record RevisedAccount(long revision, Account account) {}

  private static List<InvoiceHeader> headersOf(List<ListedInvoice> listed) {
    return listed.stream().map(ListedInvoice::header).toList();
  }

  /**
   * The account's invoices, newest period first, after creating the drafts of the periods that have
   * no invoice yet (see {@link #listed(AccountId)}).
   */
  public List<InvoiceHeader> headers(Account account) {
    return headersOf(withDrafts(account, invoices.listing(account.id())).invoices());
  }

  /** Whether a period from the account's anchor up to now has no invoice at all. */
  private boolean missesDrafts(Account account, List<InvoiceHeader> headers) {
    Set<Instant> starts = new HashSet<>();
    headers.forEach(header -> starts.add(header.period().start()));
    return periodsSoFar(account, clock.instant()).stream()
        .anyMatch(period -> !starts.contains(period.start()));
  }

  /**
   * Creates the drafts of every period from each account's anchor up to the current one, for any
   * number of accounts in a few set-based statements.
   */
  public void ensureDrafts(Collection<Account> accounts) {
    Instant now = clock.instant();
    List<NewDraft> drafts = new ArrayList<>();
    for (Account account : accounts) {
      for (BillingPeriod period : periodsSoFar(account, now)) {
        drafts.add(new NewDraft(account.id(), account.currency(), period));
      }
    }
    if (!drafts.isEmpty()) {
      invoices.ensureDrafts(drafts, now);
    }
  }

  /** The account's invoices with their charges, newest period first. */
  public List<Invoice> list(AccountId accountId) {
    Account account = account(accountId);
    List<Invoice> result = new ArrayList<>();
    for (InvoiceHeader header : headers(account)) {
      result.add(new Invoice(header, charges(header, account)));
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
    InvoiceList list = listed(accountId);
    BillingPeriod period = list.account().cycle().periodContaining(instant);
    return list.invoices().stream()
        .map(ListedInvoice::header)
        .filter(header -> header.period().equals(period))
        .min(
            Comparator.comparing((InvoiceHeader header) -> header.status() == InvoiceStatus.VOID)
                .thenComparing(InvoiceHeader::createdAt, Comparator.reverseOrder()))
        .map(header -> new Invoice(header, charges(header, list)));
  }

  /**
   * {@link #charges(InvoiceHeader)} of an invoice of {@code account}, which the caller has read
   * already (a draft is drawn without reading it again).
   */
  public InvoiceContent charges(InvoiceHeader header, Account account) {
    if (header.status() != InvoiceStatus.DRAFT || !header.accountId().equals(account.id())) {
      return charges(header);
    }
    return drawn(header, new LiveInputs(account));
  }

  /**
   * {@link #charges(InvoiceHeader, Account)} of an invoice of {@code list}: a draft is drawn, or
   * reused, against the version read with the list.
   */
  public InvoiceContent charges(InvoiceHeader header, InvoiceList list) {
    if (header.status() != InvoiceStatus.DRAFT
        || list.version() == null
        || !header.accountId().equals(list.account().id())) {
      return charges(header, list.account());
    }
    return drawn(header, new LiveInputs(list.account()), list.version());
  }

  /**
   * {@link #charges(InvoiceHeader)} with a draft drawn, or reused, against {@code version}: the
   * draft version of its account read beforehand (null: read it now).
   */
  public InvoiceContent charges(InvoiceHeader header, DraftVersion version) {
    if (header.status() != InvoiceStatus.DRAFT || version == null) {
      return charges(header);
    }
    return drawn(header, live, version);
  }

  /** The invoice's charges: frozen ones for a final or void invoice, live ones for a draft. */
  public InvoiceContent charges(InvoiceHeader header) {
    if (header.status() != InvoiceStatus.DRAFT) {
      return invoices
          .content(header.id())
          .orElseThrow(
              () -> new IllegalStateException("final invoice without charges: " + header.id()));
    }
    return drawn(header, live);
  }

  /** A draft's charges as drawn from the inputs of {@code version}. */
  private record DrawnDraft(DraftVersion version, InvoiceContent content) {}

  /** How many drawn drafts, and accounts' kept inputs, are kept; past it all are dropped. */
  private static final int KEPT = 10_000;

  /**
   * The draft's charges: the ones drawn earlier when nothing they were drawn from has changed since
   * (one small query, {@link InvoiceStore#draftVersion}, which sees changes made through any node),
   * else drawn now from {@code source}, with the account's inputs other than usage kept while their
   * part of the version is unchanged (so that new usage costs one read of the usage). The version
   * is read before drawing, so a change that lands while drawing only makes what is kept look older
   * than it is, never newer.
   */
  private InvoiceContent drawn(InvoiceHeader header, InvoiceInputs source) {
    return drawn(header, source, invoices.draftVersion(header.accountId()));
  }

  /** {@link #drawn(InvoiceHeader, InvoiceInputs)} against a version read beforehand. */
  private InvoiceContent drawn(InvoiceHeader header, InvoiceInputs source, DraftVersion version) {
    DrawnDraft known = drawnDrafts.get(header.id());
    if (known != null && known.version().equals(version)) {
      return known.content();
    }
    KeptInputs inputs = keptInputs.get(header.accountId());
    if (inputs == null || !inputs.version().equals(version.inputs())) {
      inputs = keep(keptInputs, header.accountId(), new KeptInputs(version.inputs(), source));
    }
    InvoiceContent content = calculate(header, inputs);
    keep(drawnDrafts, header.id(), new DrawnDraft(version, content));
    return content;
  }

  /** Puts {@code value} in {@code kept}, which is emptied first when it holds {@link #KEPT}. */
  private static <K, V> V keep(Map<K, V> kept, K key, V value) {
    if (kept.size() >= KEPT) {
      kept.clear();
    }
    kept.put(key, value);
    return value;
  }

  /**
   * Draws the invoice's charges from the current usage, plans, breakdown tree, corrections for late
   * usage of finalized periods, discounts and credit grants. A grant's balance for this invoice is
   * its amount less what the account's other finalized invoices consumed, so a draft shows the
   * credit it would use without consuming it.
   */
  public InvoiceContent calculate(InvoiceHeader header) {
    return calculate(header, live);
  }

  /** The inputs of {@link #calculate(InvoiceHeader)}: the stores, one question at a time. */
  InvoiceInputs liveInputs() {
    return live;
  }

  /** {@link #calculate(InvoiceHeader)} with what it reads taken from {@code inputs}. */
  InvoiceContent calculate(InvoiceHeader header, InvoiceInputs inputs) {
    Account account = inputs.account(header.accountId());
    Map<MeterId, Meter> meters = new LinkedHashMap<>();
    inputs.meters().forEach(meter -> meters.put(meter.id(), meter));
    return calculator.calculate(
        header.period(),
        account.taxPercent(),
        spans(account, header.period(), meters, inputs),
        meters,
        inputs.directory(account.id()),
        corrections(account, header, meters, inputs),
        adjustments(account.id(), header.id(), inputs));
  }

  /**
   * The inputs of finalizing these drafts (of distinct accounts), loaded with one query per kind:
   * accounts, subscriptions, plans, the usage of every plan span, trees, late periods, discounts,
   * credit grants and the credit consumed. What they do not hold (the invoices and frozen charges
   * that late-usage corrections read) is read from the stores when asked.
   */
  InvoiceInputs prefetch(List<InvoiceHeader> drafts) {
    Set<AccountId> ids = new LinkedHashSet<>();
    Map<AccountId, InvoiceId> excluding = new LinkedHashMap<>();
    for (InvoiceHeader draft : drafts) {
      ids.add(draft.accountId());
      excluding.put(draft.accountId(), draft.id());
    }
    Map<AccountId, List<Subscription>> subscriptions = catalog.subscriptions(ids);
    Map<PlanId, Plan> plans = new HashMap<>();
    catalog.plans().forEach(plan -> plans.put(plan.id(), plan));
    List<Meter> meters = catalog.meters();
    Map<MeterId, Meter> meterIds = new HashMap<>();
    meters.forEach(meter -> meterIds.put(meter.id(), meter));
    Set<UsageWindow> windows = new LinkedHashSet<>();
    Set<Meter> priced = new LinkedHashSet<>();
    for (InvoiceHeader draft : drafts) {
      for (Subscription subscription : subscriptions.getOrDefault(draft.accountId(), List.of())) {
        BillingPeriod span =
            draft.period().intersect(subscription.startsAt(), subscription.endsAt());
        Plan plan = plans.get(subscription.planId());
        if (span != null && plan != null) {
          windows.add(usageWindow(draft.accountId(), draft.period(), span));
          plan.prices().stream()
              .map(price -> meterIds.get(price.meterId()))
              .filter(Objects::nonNull)
              .forEach(priced::add);
        }
      }
    }
    return new PrefetchedInputs(
        accounts.findAll(ids),
        meters,
        subscriptions,
        plans,
        windows,
        priced,
        windows.isEmpty() || priced.isEmpty() ? Map.of() : usage.totals(windows, priced),
        accounts.directories(ids),
        usage.latePeriods(ids),
        adjustments.discounts(ids),
        adjustments.creditGrants(ids),
        adjustments.consumed(excluding),
        excluding,
        live);
  }

  /**
   * The usage a plan span prices. Usage is bucketed by hour: a bucket is priced by the subscription
   * in force at the start of its hour, with subscription boundaries rounded down to the hour
   * (docs/invoices.md). A span that covers its whole period is read from the period's totals.
   */
  private static UsageWindow usageWindow(
      AccountId account, BillingPeriod period, BillingPeriod span) {
    Instant from = span.start().truncatedTo(ChronoUnit.HOURS);
    Instant to = span.end().truncatedTo(ChronoUnit.HOURS);
    return new UsageWindow(
        account, from, to, from.equals(period.start()) && to.equals(period.end()));
  }

  /** The account's plan spans in {@code period}, each with its usage of the meters it prices. */
  private List<PlanSpan> spans(
      Account account, BillingPeriod period, Map<MeterId, Meter> meters, InvoiceInputs inputs) {
    List<PlanSpan> spans = new ArrayList<>();
    for (Subscription subscription :
        inputs.subscriptions(account.id(), period.start(), period.end())) {
      BillingPeriod span = period.intersect(subscription.startsAt(), subscription.endsAt());
      if (span == null) {
        continue;
      }
      Plan plan = inputs.plan(subscription.planId());
      List<Meter> priced =
          plan.prices().stream()
              .map(price -> meters.get(price.meterId()))
              .filter(Objects::nonNull)
              .toList();
      List<UsageTotal> totals = inputs.totals(usageWindow(account.id(), period, span), priced);
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
      Account account, InvoiceHeader draft, Map<MeterId, Meter> meters, InvoiceInputs inputs) {
    if (draft.status() != InvoiceStatus.DRAFT) {
      return List.of();
    }
    List<Instant> latePeriods = inputs.latePeriods(account.id());
    if (latePeriods.isEmpty()) {
      return List.of();
    }
    List<InvoiceHeader> headers = inputs.invoices(account.id());
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
            frozen.computeIfAbsent(header.id(), id -> inputs.frozen(header)).lines()) {
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
              new LatePeriod(period, spans(account, period, meters, inputs), charged), meters));
    }
    return lines;
  }

  /** The account's discounts, and its credit grants with the balance left for {@code invoice}. */
  private static Adjustments adjustments(
      AccountId accountId, InvoiceId invoice, InvoiceInputs inputs) {
    List<CreditGrant> grants = inputs.creditGrants(accountId);
    Map<String, Money> consumed = grants.isEmpty() ? Map.of() : inputs.consumed(accountId, invoice);
    List<AvailableCredit> credits = new ArrayList<>();
    for (CreditGrant grant : grants) {
      credits.add(
          new AvailableCredit(
              grant, grant.amount().minus(consumed.getOrDefault(grant.id(), Money.ZERO))));
    }
    return new Adjustments(inputs.discounts(accountId), credits);
  }

  /**
   * The inputs read from the stores, one question at a time; {@code known}, when not null, is an
   * account the caller has read already.
   */
  private final class LiveInputs implements InvoiceInputs {
    private final Account known;

    LiveInputs(Account known) {
      this.known = known;
    }

    @Override
    public Account account(AccountId id) {
      return known != null && known.id().equals(id) ? known : InvoiceService.this.account(id);
    }

    @Override
    public List<Meter> meters() {
      return catalog.meters();
    }

    @Override
    public List<Subscription> subscriptions(AccountId id, Instant from, Instant to) {
      return catalog.subscriptions(id, from, to);
    }

    @Override
    public Plan plan(PlanId id) {
      return catalog.findPlan(id).orElseThrow(() -> new IllegalStateException("no plan " + id));
    }

    @Override
    public List<UsageTotal> totals(UsageWindow window, Collection<Meter> meters) {
      return usage.totals(List.of(window), meters).getOrDefault(window, List.of());
    }

    @Override
    public Directory directory(AccountId id) {
      return accounts.directory(id);
    }

    @Override
    public List<Instant> latePeriods(AccountId id) {
      return usage.latePeriods(id);
    }

    @Override
    public List<InvoiceHeader> invoices(AccountId id) {
      return invoices.list(id);
    }

    @Override
    public InvoiceContent frozen(InvoiceHeader header) {
      return charges(header);
    }

    @Override
    public List<Discount> discounts(AccountId id) {
      return adjustments.discounts(id);
    }

    @Override
    public List<CreditGrant> creditGrants(AccountId id) {
      return adjustments.creditGrants(id);
    }

    @Override
    public Map<String, Money> consumed(AccountId id, InvoiceId invoice) {
      return adjustments.consumed(id, invoice);
    }
  }
}
