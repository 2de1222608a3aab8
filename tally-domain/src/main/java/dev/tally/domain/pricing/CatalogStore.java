package dev.tally.domain.pricing;

import dev.tally.domain.account.AccountId;
import dev.tally.domain.usage.Meter;
import dev.tally.domain.usage.MeterId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where meters, plans and subscriptions are kept. */
public interface CatalogStore {
  void createMeter(Meter meter);

  Optional<Meter> findMeter(MeterId id);

  List<Meter> meters();

  void createPlan(Plan plan);

  Optional<Plan> findPlan(PlanId id);

  List<Plan> plans();

  void createSubscription(Subscription subscription);

  /** All the account's subscriptions, oldest first. */
  List<Subscription> subscriptions(AccountId accountId);

  /** All the subscriptions of these accounts, oldest first, by account (absent: none). */
  Map<AccountId, List<Subscription>> subscriptions(Collection<AccountId> accountIds);

  /** The account's subscriptions that overlap {@code [from, to)}, oldest first. */
  List<Subscription> subscriptions(AccountId accountId, Instant from, Instant to);
}
