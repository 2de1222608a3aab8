package dev.tally.postgres;

import dev.tally.domain.account.Account;
import dev.tally.domain.account.AccountId;
import dev.tally.domain.account.AccountStore;
import dev.tally.domain.account.Cluster;
import dev.tally.domain.account.ClusterId;
import dev.tally.domain.account.Directory;
import dev.tally.domain.account.Project;
import dev.tally.domain.account.ProjectId;
import dev.tally.domain.account.Resource;
import dev.tally.domain.account.ResourceId;
import dev.tally.domain.account.ResourceType;
import dev.tally.domain.account.Team;
import dev.tally.domain.account.TeamId;
import dev.tally.domain.error.Conflict;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Accounts and their breakdown tree in PostgreSQL. */
public final class PostgresAccountStore implements AccountStore {
  private static final String ACCOUNT_COLUMNS =
      "id, name, currency, billing_anchor, tax_percent, payment_terms_days, contract_id, created_at";

  private final Jdbi jdbi;

  public PostgresAccountStore(Database database) {
    this.jdbi = database.jdbi();
  }

  @Override
  public void create(Account account) {
    Database.unique(
        () ->
            jdbi.withHandle(
                handle ->
                    handle
                        .createUpdate(
                            "insert into account ("
                                + ACCOUNT_COLUMNS
                                + ") values (:id, :name, :currency, :anchor, :tax, :terms,"
                                + " :contract, :created)")
                        .bind("id", account.id().value())
                        .bind("name", account.name())
                        .bind("currency", account.currency())
                        .bind("anchor", account.billingAnchor())
                        .bind("tax", account.taxPercent())
                        .bind("terms", account.paymentTermsDays())
                        .bind("contract", account.contractId())
                        .bind("created", account.createdAt())
                        .execute()),
        e -> new Conflict("account " + account.id() + " already exists"));
  }

  @Override
  public Map<AccountId, Account> findAll(Collection<AccountId> ids) {
    List<String> values = ids.stream().map(AccountId::value).distinct().toList();
    Map<AccountId, Account> found = new HashMap<>();
    if (values.isEmpty()) {
      return found;
    }
    jdbi.useHandle(
        handle ->
            handle
                .createQuery(
                    "select "
                        + ACCOUNT_COLUMNS
                        + " from account where id = any(cast(:ids as text[]))")
                .bindArray("ids", String.class, values)
                .map((rs, ctx) -> account(rs))
                .forEach(account -> found.put(account.id(), account)));
    return found;
  }

  @Override
  public Set<ResourceRef> existingResources(Collection<ResourceRef> refs) {
    return existing(
        "select t.account_id, r.id from resource r join project p on p.id = r.project_id"
            + " join team t on t.id = p.team_id",
        "t.account_id",
        "r.id",
        refs.stream()
            .map(ref -> List.of(ref.accountId().value(), ref.resourceId().value()))
            .toList(),
        (account, id) -> new ResourceRef(new AccountId(account), new ResourceId(id)));
  }

  @Override
  public Set<ClusterRef> existingClusters(Collection<ClusterRef> refs) {
    return existing(
        "select c.account_id, c.id from cluster c",
        "c.account_id",
        "c.id",
        refs.stream()
            .map(ref -> List.of(ref.accountId().value(), ref.clusterId().value()))
            .toList(),
        (account, id) -> new ClusterRef(new AccountId(account), new ClusterId(id)));
  }

  /** Which (account id, id) pairs the query finds, joined against the pairs in one statement. */
  private <T> Set<T> existing(
      String select,
      String accountColumn,
      String idColumn,
      List<List<String>> pairs,
      java.util.function.BiFunction<String, String, T> ref) {
    Set<T> found = new HashSet<>();
    if (pairs.isEmpty()) {
      return found;
    }
    jdbi.useHandle(
        handle ->
            handle
                .createQuery(
                    select
                        + " join unnest(cast(:accounts as text[]), cast(:ids as text[]))"
                        + " as k(account_id, id) on k.account_id = "
                        + accountColumn
                        + " and k.id = "
                        + idColumn)
                .bindArray(
                    "accounts", String.class, pairs.stream().map(pair -> pair.get(0)).toList())
                .bindArray("ids", String.class, pairs.stream().map(pair -> pair.get(1)).toList())
                .map((rs, ctx) -> ref.apply(rs.getString(1), rs.getString(2)))
                .forEach(found::add));
    return found;
  }

  @Override
  public Optional<Account> find(AccountId id) {
    return findById(
        "select " + ACCOUNT_COLUMNS + " from account where id = :id",
        id.value(),
        (rs, ctx) -> account(rs));
  }

  @Override
  public List<Account> list() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("select " + ACCOUNT_COLUMNS + " from account order by id")
                .map((rs, ctx) -> account(rs))
                .list());
  }

  @Override
  public void update(Account account) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "update account set name = :name, tax_percent = :tax,"
                        + " payment_terms_days = :terms, contract_id = :contract where id = :id")
                .bind("id", account.id().value())
                .bind("name", account.name())
                .bind("tax", account.taxPercent())
                .bind("terms", account.paymentTermsDays())
                .bind("contract", account.contractId())
                .execute());
  }

  @Override
  public void createTeam(Team team) {
    insert(
        "insert into team (id, account_id, name) values (:id, :parent, :name)",
        team.id().value(),
        team.accountId().value(),
        team.name(),
        null,
        "team");
  }

  @Override
  public Optional<Team> findTeam(TeamId id) {
    return findById("select id, account_id, name from team where id = :id", id.value(), TEAM);
  }

  @Override
  public void createProject(Project project) {
    insert(
        "insert into project (id, team_id, name) values (:id, :parent, :name)",
        project.id().value(),
        project.teamId().value(),
        project.name(),
        null,
        "project");
  }

  @Override
  public Optional<Project> findProject(ProjectId id) {
    return findById("select id, team_id, name from project where id = :id", id.value(), PROJECT);
  }

  @Override
  public void createResource(Resource resource) {
    insert(
        "insert into resource (id, project_id, name, type) values (:id, :parent, :name, :type)",
        resource.id().value(),
        resource.projectId().value(),
        resource.name(),
        resource.type().wireName(),
        "resource");
  }

  @Override
  public void createCluster(Cluster cluster) {
    insert(
        "insert into cluster (id, account_id, name) values (:id, :parent, :name)",
        cluster.id().value(),
        cluster.accountId().value(),
        cluster.name(),
        null,
        "cluster");
  }

  private void insert(String sql, String id, String parent, String name, String type, String what) {
    Database.unique(
        () ->
            jdbi.withHandle(
                handle -> {
                  var update =
                      handle
                          .createUpdate(sql)
                          .bind("id", id)
                          .bind("parent", parent)
                          .bind("name", name);
                  if (type != null) {
                    update.bind("type", type);
                  }
                  return update.execute();
                }),
        e -> new Conflict(what + " " + id + " already exists"));
  }

  @Override
  public Directory directory(AccountId id) {
    return directories(List.of(id)).get(id);
  }

  /**
   * The trees of these accounts in one query: their teams, projects, resources and clusters, each
   * kind in id order.
   */
  @Override
  public Map<AccountId, Directory> directories(Collection<AccountId> ids) {
    List<String> values = ids.stream().map(AccountId::value).distinct().toList();
    Map<String, List<Team>> teams = new HashMap<>();
    Map<String, List<Project>> projects = new HashMap<>();
    Map<String, List<Resource>> resources = new HashMap<>();
    Map<String, List<Cluster>> clusters = new HashMap<>();
    if (!values.isEmpty()) {
      jdbi.useHandle(
          handle ->
              handle
                  .createQuery(
                      "select 'team' as kind, t.id, t.account_id as parent, t.name,"
                          + " null as type, t.account_id from team t"
                          + " where t.account_id = any(cast(:accounts as text[]))"
                          + " union all select 'project', p.id, p.team_id, p.name, null,"
                          + " t.account_id from project p join team t on t.id = p.team_id"
                          + " where t.account_id = any(cast(:accounts as text[]))"
                          + " union all select 'resource', r.id, r.project_id, r.name, r.type,"
                          + " t.account_id from resource r join project p on p.id = r.project_id"
                          + " join team t on t.id = p.team_id"
                          + " where t.account_id = any(cast(:accounts as text[]))"
                          + " union all select 'cluster', c.id, c.account_id, c.name, null,"
                          + " c.account_id from cluster c"
                          + " where c.account_id = any(cast(:accounts as text[]))")
                  .bindArray("accounts", String.class, values)
                  .map(
                      (rs, ctx) ->
                          new TreeRow(
                              rs.getString("kind"),
                              rs.getString("id"),
                              rs.getString("parent"),
                              rs.getString("name"),
                              rs.getString("type"),
                              rs.getString("account_id")))
                  .list()
                  .stream()
                  // In id order, sorted here: PostgreSQL would sort the union without an index.
                  .sorted(Comparator.comparing(TreeRow::kind).thenComparing(TreeRow::id))
                  .forEach(
                      row -> {
                        switch (row.kind()) {
                          case "team" ->
                              add(
                                  teams,
                                  row.account(),
                                  new Team(
                                      new TeamId(row.id()),
                                      new AccountId(row.parent()),
                                      row.name()));
                          case "project" ->
                              add(
                                  projects,
                                  row.account(),
                                  new Project(
                                      new ProjectId(row.id()),
                                      new TeamId(row.parent()),
                                      row.name()));
                          case "resource" ->
                              add(
                                  resources,
                                  row.account(),
                                  new Resource(
                                      new ResourceId(row.id()),
                                      new ProjectId(row.parent()),
                                      ResourceType.fromWire(row.type()).orElseThrow(),
                                      row.name()));
                          default ->
                              add(
                                  clusters,
                                  row.account(),
                                  new Cluster(
                                      new ClusterId(row.id()),
                                      new AccountId(row.parent()),
                                      row.name()));
                        }
                      }));
    }
    Map<AccountId, Directory> directories = new HashMap<>();
    for (String id : values) {
      directories.put(
          new AccountId(id),
          new Directory(
              teams.getOrDefault(id, List.of()),
              projects.getOrDefault(id, List.of()),
              resources.getOrDefault(id, List.of()),
              clusters.getOrDefault(id, List.of())));
    }
    return directories;
  }

  /** A row of an account's tree: a team, project, resource or cluster and its parent's id. */
  private record TreeRow(
      String kind, String id, String parent, String name, String type, String account) {}

  private static <T> void add(Map<String, List<T>> byAccount, String account, T item) {
    byAccount.computeIfAbsent(account, k -> new ArrayList<>()).add(item);
  }

  private <T> Optional<T> findById(String sql, String id, RowMapper<T> mapper) {
    return jdbi.withHandle(handle -> handle.createQuery(sql).bind("id", id).map(mapper).findOne());
  }

  private static final RowMapper<Team> TEAM =
      (rs, ctx) ->
          new Team(
              new TeamId(rs.getString("id")),
              new AccountId(rs.getString("account_id")),
              rs.getString("name"));

  private static final RowMapper<Project> PROJECT =
      (rs, ctx) ->
          new Project(
              new ProjectId(rs.getString("id")),
              new TeamId(rs.getString("team_id")),
              rs.getString("name"));

  private static Account account(ResultSet rs) throws SQLException {
    return new Account(
        new AccountId(rs.getString("id")),
        rs.getString("name"),
        rs.getString("currency"),
        instant(rs, "billing_anchor"),
        rs.getBigDecimal("tax_percent"),
        rs.getInt("payment_terms_days"),
        rs.getString("contract_id"),
        instant(rs, "created_at"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
