package dev.tally.domain.billing;

import dev.tally.domain.account.Account;
import dev.tally.domain.account.AccountId;
import dev.tally.domain.account.AccountStore;
import dev.tally.domain.account.ClusterId;
import dev.tally.domain.account.Directory;
import dev.tally.domain.account.ResourceId;
import dev.tally.domain.error.FieldErrors;
import dev.tally.domain.pricing.CatalogStore;
import dev.tally.domain.time.BillingPeriod;
import dev.tally.domain.usage.Contribution;
import dev.tally.domain.usage.IngestResult;
import dev.tally.domain.usage.InvoiceCategory;
import dev.tally.domain.usage.LateUsage;
import dev.tally.domain.usage.Meter;
import dev.tally.domain.usage.MeteredEvent;
import dev.tally.domain.usage.Metering;
import dev.tally.domain.usage.UsageEvent;
import dev.tally.domain.usage.UsageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a batch of usage events and stores it atomically: any bad event rejects the whole batch
 * with every problem named by the event's index, and nothing is written.
 */
public final class IngestService {
  /** How far ahead of the clock an event's timestamp may be. */
  public static final Duration FUTURE_TOLERANCE = Duration.ofHours(24);

  private final AccountStore accounts;
  private final CatalogStore catalog;
  private final UsageStore usage;
  private final Clock clock;
  private final Duration backdatingWindow;
  private final LateUsage lateUsage;

  /**
   * An ingest that treats usage for finalized periods as {@code lateUsage} says; the backdating
   * window and the billing anchor bound it either way.
   */
  public IngestService(
      AccountStore accounts,
      CatalogStore catalog,
      UsageStore usage,
      Clock clock,
      Duration backdatingWindow,
      LateUsage lateUsage) {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.usage = Objects.requireNonNull(usage, "usage");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.backdatingWindow = Objects.requireNonNull(backdatingWindow, "backdatingWindow");
    this.lateUsage = Objects.requireNonNull(lateUsage, "lateUsage");
  }

  public Duration backdatingWindow() {
    return backdatingWindow;
  }

  /**
   * Ingests {@code events}; an entry is null where the caller could not read that event, and the
   * caller's reasons are already in {@code errors} under the event's index.
   */
  public IngestResult ingest(List<UsageEvent> events, FieldErrors errors) {
    Instant now = clock.instant();
    Instant earliest = now.minus(backdatingWindow);
    Instant latest = now.plus(FUTURE_TOLERANCE);
    List<Meter> meters = catalog.meters();
    Map<AccountId, Optional<Account>> accountCache = new HashMap<>();
    Map<AccountId, Directory> directories = new HashMap<>();
    List<MeteredEvent> metered = new ArrayList<>();
    for (int index = 0; index < events.size(); index++) {
      UsageEvent event = events.get(index);
      if (event == null) {
        continue;
      }
      String field = "[" + index + "]";
      Optional<Account> account = accountCache.computeIfAbsent(event.accountId(), accounts::find);
      if (account.isEmpty()) {
        errors.add(field + ".customer_id", "no account " + event.accountId());
        continue;
      }
      if (event.timestamp().isBefore(earliest)) {
        errors.add(
            field + ".timestamp",
            "is older than the backdating window of " + backdatingWindow.toHours() + " hours");
        continue;
      }
      if (event.timestamp().isAfter(latest)) {
        errors.add(field + ".timestamp", "is more than 24 hours in the future");
        continue;
      }
      if (event.timestamp().isBefore(account.get().billingAnchor())) {
        errors.add(
            field + ".timestamp",
            "is before the account's billing starts at " + account.get().billingAnchor());
        continue;
      }
      int before = errors.list().size();
      List<Contribution> contributions = Metering.contributions(event, meters, field, errors);
      Directory directory = directories.computeIfAbsent(event.accountId(), accounts::directory);
      checkSubjects(contributions, directory, field, errors);
      if (errors.list().size() > before) {
        continue;
      }
      BillingPeriod period = account.get().cycle().periodContaining(event.timestamp());
      metered.add(new MeteredEvent(index, event, period, account.get().currency(), contributions));
    }
    errors.throwIfAny("the batch was rejected; nothing was stored");
    return usage.record(metered, lateUsage);
  }

  private static void checkSubjects(
      List<Contribution> contributions, Directory directory, String field, FieldErrors errors) {
    for (Contribution contribution : contributions) {
      String resource = contribution.dimensions().get(InvoiceCategory.RESOURCE_PROPERTY);
      if (resource != null
          && !resource.isEmpty()
          && directory.resource(new ResourceId(resource)).isEmpty()) {
        errors.add(
            field + ".properties." + InvoiceCategory.RESOURCE_PROPERTY,
            "no resource " + resource + " in this account");
        return;
      }
      String cluster = contribution.dimensions().get(InvoiceCategory.CLUSTER_PROPERTY);
      if (cluster != null
          && !cluster.isEmpty()
          && directory.cluster(new ClusterId(cluster)).isEmpty()) {
        errors.add(
            field + ".properties." + InvoiceCategory.CLUSTER_PROPERTY,
            "no cluster " + cluster + " in this account");
        return;
      }
    }
  }
}
