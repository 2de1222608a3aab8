package dev.tally.domain.billing;

import dev.tally.domain.account.Account;
import dev.tally.domain.account.AccountId;
import dev.tally.domain.account.AccountStore;
import dev.tally.domain.account.AccountStore.ClusterRef;
import dev.tally.domain.account.AccountStore.ResourceRef;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A positive cache of what ingest looks up for every batch: the accounts, and which resources and
 * clusters an account has. It is safe because none of it can change under it: accounts, resources
 * and clusters are never deleted nor moved to another parent, and of an account ingest uses only
 * what never changes after it is created (its currency and billing anchor; an update changes its
 * name, tax, terms and contract). Only what was found is remembered; an id not found is looked up
 * again every time, so one created since is seen at once. Each cache is cleared when it grows past
 * {@link #LIMIT} entries.
 */
final class KnownDirectory {
  static final int LIMIT = 1_000_000;

  private final AccountStore store;
  private final Map<AccountId, Account> accounts = new ConcurrentHashMap<>();
  private final Set<ResourceRef> resources = ConcurrentHashMap.newKeySet();
  private final Set<ClusterRef> clusters = ConcurrentHashMap.newKeySet();

  KnownDirectory(AccountStore store) {
    this.store = store;
  }

  /** The accounts among {@code ids} that exist, by id; only unknown ones are looked up. */
  Map<AccountId, Account> accounts(Collection<AccountId> ids) {
    Map<AccountId, Account> found = new HashMap<>();
    List<AccountId> unknown = new java.util.ArrayList<>();
    for (AccountId id : ids) {
      Account account = accounts.get(id);
      if (account != null) {
        found.put(id, account);
      } else {
        unknown.add(id);
      }
    }
    if (!unknown.isEmpty()) {
      Map<AccountId, Account> loaded = store.findAll(unknown);
      found.putAll(loaded);
      remember(accounts, loaded);
    }
    return found;
  }

  /** Which of these (account, resource) pairs exist; only unknown ones are looked up. */
  Set<ResourceRef> existingResources(Collection<ResourceRef> refs) {
    return existing(refs, resources, store::existingResources);
  }

  /** Which of these (account, cluster) pairs exist; only unknown ones are looked up. */
  Set<ClusterRef> existingClusters(Collection<ClusterRef> refs) {
    return existing(refs, clusters, store::existingClusters);
  }

  private static <T> Set<T> existing(
      Collection<T> refs, Set<T> known, java.util.function.Function<Collection<T>, Set<T>> lookUp) {
    Set<T> found = new HashSet<>();
    List<T> unknown = new java.util.ArrayList<>();
    for (T ref : refs) {
      if (known.contains(ref)) {
        found.add(ref);
      } else {
        unknown.add(ref);
      }
    }
    if (!unknown.isEmpty()) {
      Set<T> loaded = lookUp.apply(unknown);
      found.addAll(loaded);
      if (known.size() > LIMIT) {
        known.clear();
      }
      known.addAll(loaded);
    }
    return found;
  }

  private static <K, V> void remember(Map<K, V> cache, Map<K, V> loaded) {
    if (cache.size() > LIMIT) {
      cache.clear();
    }
    cache.putAll(loaded);
  }
}
