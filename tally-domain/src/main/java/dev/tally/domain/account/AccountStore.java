package dev.tally.domain.account;

import java.util.List;
import java.util.Optional;

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
}
