package dev.tally.domain.billing;

import dev.tally.domain.account.Account;
import dev.tally.domain.account.AccountId;
import dev.tally.domain.account.AccountStore;
import dev.tally.domain.account.AccountStore.ClusterRef;
import dev.tally.domain.account.AccountStore.ResourceRef;
import dev.tally.domain.account.ClusterId;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a batch of usage events and stores it atomically: any bad event rejects the whole batch
 * with every problem named by the event's index, and nothing is written.
 */
public final class IngestService {
  /** How far ahead of the clock an event's timestamp may be. */
  public static final Duration FUTURE_TOLERANCE = Duration.ofHours(24);

  private final KnownDirectory directory;
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
    this.directory = new KnownDirectory(Objects.requireNonNull(accounts, "accounts"));
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
    return store(meter(events, errors));
  }

  /**
   * Checks and meters {@code events} (as {@link #ingest} does, without storing them), throwing the
   * batch's refusal with every problem found.
   */
  public List<MeteredEvent> meter(List<UsageEvent> events, FieldErrors errors) {
    Instant now = clock.instant();
    Instant earliest = now.minus(backdatingWindow);
    Instant latest = now.plus(FUTURE_TOLERANCE);
    List<Meter> meters = catalog.meters();
    // At most one look-up each for the batch's accounts, resources and clusters not seen before.
    Map<AccountId, Account> known =
        directory.accounts(
            events.stream().filter(Objects::nonNull).map(UsageEvent::accountId).toList());
    List<Candidate> candidates = new ArrayList<>();
    Set<ResourceRef> resources = new HashSet<>();
    Set<ClusterRef> clusters = new HashSet<>();
    for (int index = 0; index < events.size(); index++) {
      UsageEvent event = events.get(index);
      if (event == null) {
        continue;
      }
      Candidate candidate = new Candidate(index, event, known.get(event.accountId()));
      candidates.add(candidate);
      candidate.check(meters, earliest, latest, backdatingWindow);
      for (Contribution contribution : candidate.contributions) {
        subject(contribution, InvoiceCategory.RESOURCE_PROPERTY)
            .ifPresent(id -> resources.add(new ResourceRef(event.accountId(), new ResourceId(id))));
        subject(contribution, InvoiceCategory.CLUSTER_PROPERTY)
            .ifPresent(id -> clusters.add(new ClusterRef(event.accountId(), new ClusterId(id))));
      }
    }
    Set<ResourceRef> existingResources = directory.existingResources(resources);
    Set<ClusterRef> existingClusters = directory.existingClusters(clusters);
    List<MeteredEvent> metered = new ArrayList<>();
    // A batch's events of an account mostly fall in one period: computed once, reused while it
    // fits.
    Map<AccountId, BillingPeriod> periods = new HashMap<>();
    for (Candidate candidate : candidates) {
      candidate.checkSubjects(existingResources, existingClusters);
      candidate.errors.list().forEach(error -> errors.add(error.field(), error.message()));
      if (candidate.errors.isEmpty()) {
        Account account = candidate.account;
        Instant timestamp = candidate.event.timestamp();
        BillingPeriod period = periods.get(account.id());
        if (period == null || !period.contains(timestamp)) {
          period = account.cycle().periodContaining(timestamp);
          periods.put(account.id(), period);
        }
        metered.add(
            new MeteredEvent(
                candidate.index,
                candidate.event,
                period,
                account.currency(),
                candidate.contributions));
      }
    }
    errors.throwIfAny("the batch was rejected; nothing was stored");
    return metered;
  }

  /** Stores a batch {@link #meter} checked and metered; answers once it is committed. */
  public IngestResult store(List<MeteredEvent> metered) {
    return usage.record(metered, lateUsage);
  }

  private static Optional<String> subject(Contribution contribution, String property) {
    String id = contribution.dimensions().get(property);
    return id == null || id.isEmpty() ? Optional.empty() : Optional.of(id);
  }

  /** One event of the batch while it is checked, with the problems found so far. */
  private static final class Candidate {
    final int index;
    final UsageEvent event;
    final Account account;
    final String field;
    final FieldErrors errors = new FieldErrors();
    List<Contribution> contributions = List.of();

    Candidate(int index, UsageEvent event, Account account) {
      this.index = index;
      this.event = event;
      this.account = account;
      this.field = "[" + index + "]";
    }

    void check(List<Meter> meters, Instant earliest, Instant latest, Duration window) {
      if (account == null) {
        errors.add(field + ".customer_id", "no account " + event.accountId());
      } else if (event.timestamp().isBefore(earliest)) {
        errors.add(
            field + ".timestamp",
            "is older than the backdating window of " + window.toHours() + " hours");
      } else if (event.timestamp().isAfter(latest)) {
        errors.add(field + ".timestamp", "is more than 24 hours in the future");
      } else if (event.timestamp().isBefore(account.billingAnchor())) {
        errors.add(
            field + ".timestamp",
            "is before the account's billing starts at " + account.billingAnchor());
      } else {
        contributions = Metering.contributions(event, meters, field, errors);
      }
    }

    void checkSubjects(Set<ResourceRef> resources, Set<ClusterRef> clusters) {
      for (Contribution contribution : contributions) {
        Optional<String> resource = subject(contribution, InvoiceCategory.RESOURCE_PROPERTY);
        if (resource.isPresent()
            && !resources.contains(
                new ResourceRef(event.accountId(), new ResourceId(resource.get())))) {
          errors.add(
              field + ".properties." + InvoiceCategory.RESOURCE_PROPERTY,
              "no resource " + resource.get() + " in this account");
          return;
        }
        Optional<String> cluster = subject(contribution, InvoiceCategory.CLUSTER_PROPERTY);
        if (cluster.isPresent()
            && !clusters.contains(
                new ClusterRef(event.accountId(), new ClusterId(cluster.get())))) {
          errors.add(
              field + ".properties." + InvoiceCategory.CLUSTER_PROPERTY,
              "no cluster " + cluster.get() + " in this account");
          return;
        }
      }
    }
  }
}
