package dev.tally.postgres;

import dev.tally.domain.access.ApiToken;
import dev.tally.domain.access.Permission;
import dev.tally.domain.access.TokenKind;
import dev.tally.domain.access.TokenStore;
import dev.tally.domain.account.AccountId;
import dev.tally.domain.account.TeamId;
import dev.tally.domain.error.Conflict;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** API tokens in PostgreSQL: their facts and the SHA-256 hash of their secret. */
public final class PostgresTokenStore implements TokenStore {
  private static final String COLUMNS =
      "id, name, kind, account_id, team_id, permissions, created_at, revoked_at";

  private static final String FIND_WITH_DRAFT_VERSION =
      "select "
          + COLUMNS
          + ", secret_hash, "
          + PostgresInvoiceStore.draftVersionColumns("t.account_id")
          + " from api_token t where id = :id";

  private final Jdbi jdbi;

  public PostgresTokenStore(Database database) {
    this.jdbi = database.jdbi();
  }

  @Override
  public void create(ApiToken token, byte[] secretHash) {
    Database.unique(
        () ->
            jdbi.withHandle(
                handle ->
                    handle
                        .createUpdate(
                            "insert into api_token (id, secret_hash, name, kind, account_id,"
                                + " team_id, permissions, created_at) values (:id, :hash, :name,"
                                + " :kind, :account, :team, cast(:permissions as jsonb), :created)")
                        .bind("id", token.id())
                        .bind("hash", secretHash)
                        .bind("name", token.name())
                        .bind("kind", token.kind().name())
                        .bind(
                            "account", token.accountId() == null ? null : token.accountId().value())
                        .bind("team", token.teamId() == null ? null : token.teamId().value())
                        .bind(
                            "permissions",
                            Json.write(
                                token.permissions().stream().map(Enum::name).sorted().toList()))
                        .bind("created", token.createdAt())
                        .execute()),
        e -> new Conflict("token " + token.id() + " already exists"));
  }

  @Override
  public Optional<StoredToken> find(String id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("select " + COLUMNS + ", secret_hash from api_token where id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new StoredToken(token(rs), rs.getBytes("secret_hash")))
                .findOne());
  }

  @Override
  public Optional<VersionedToken> findWithDraftVersion(String id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(FIND_WITH_DRAFT_VERSION)
                .bind("id", id)
                .map(
                    (rs, ctx) -> {
                      ApiToken token = token(rs);
                      return new VersionedToken(
                          new StoredToken(token, rs.getBytes("secret_hash")),
                          token.accountId() == null ? null : PostgresInvoiceStore.draftVersion(rs));
                    })
                .findOne());
  }

  @Override
  public List<ApiToken> list() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("select " + COLUMNS + " from api_token order by created_at, id")
                .map((rs, ctx) -> token(rs))
                .list());
  }

  @Override
  public boolean revoke(String id, Instant at) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "update api_token set revoked_at = coalesce(revoked_at, :at) where id = :id")
                    .bind("id", id)
                    .bind("at", at)
                    .execute())
        > 0;
  }

  private static ApiToken token(ResultSet rs) throws SQLException {
    Set<Permission> permissions = EnumSet.noneOf(Permission.class);
    for (String name : Json.readStringList(rs.getString("permissions"))) {
      permissions.add(Permission.valueOf(name));
    }
    String account = rs.getString("account_id");
    String team = rs.getString("team_id");
    return new ApiToken(
        rs.getString("id"),
        rs.getString("name"),
        TokenKind.valueOf(rs.getString("kind")),
        account == null ? null : new AccountId(account),
        team == null ? null : new TeamId(team),
        permissions,
        PostgresAccountStore.instant(rs, "created_at"),
        PostgresAccountStore.instant(rs, "revoked_at"));
  }
}
