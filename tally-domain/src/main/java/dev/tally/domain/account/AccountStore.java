package dev.tally.domain.account;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Where accounts and their breakdown tree (teams, projects, resources, clusters) are kept. */
public interface AccountStore {
  /** Stores a new account; a taken id is a {@link dev.tally.domain.error.Conflict}. */
  void create(Account account);

  Optional<Account> find(AccountId id);

  List<Account> list();

  void update(Account account);

  void createTeam(Team team);

  Optional<Team> findTeam(TeamId id);

  void createProject(Project project);

  Optional<Project> findProject(ProjectId id);

  void createResource(Resource resource);

  void createCluster(Cluster cluster);

  /** The account's whole breakdown tree. */
  Directory directory(AccountId id);

  /** The breakdown trees of these accounts, by id (an empty tree for an account without one). */
  Map<AccountId, Directory> directories(Collection<AccountId> ids);

  /** The accounts among {@code ids} that exist, by id: one look-up for a whole batch. */
  Map<AccountId, Account> findAll(Collection<AccountId> ids);

  /** Which of these (account, resource) pairs name a resource of that account. */
  Set<ResourceRef> existingResources(Collection<ResourceRef> refs);

  /** Which of these (account, cluster) pairs name a cluster of that account. */
  Set<ClusterRef> existingClusters(Collection<ClusterRef> refs);

  /**
   * A resource id as an event of an account names it. Its {@code equals} and {@code hashCode} are
   * written out: ingest looks every event's up, and the record's generated ones showed in its
   * profile.
   */
  record ResourceRef(AccountId accountId, ResourceId resourceId) {
    @Override
    public boolean equals(Object other) {
      return other instanceof ResourceRef ref
          && accountId.value().equals(ref.accountId.value())
          && resourceId.value().equals(ref.resourceId.value());
    }

    @Override
    public int hashCode() {
      return 31 * accountId.value().hashCode() + resourceId.value().hashCode();
    }
  }

  /** A cluster id as an event of an account names it. */
  record ClusterRef(AccountId accountId, ClusterId clusterId) {}
}
