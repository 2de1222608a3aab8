package dev.tally.domain.access;

import dev.tally.domain.account.AccountId;
import dev.tally.domain.account.TeamId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A stored API token without its secret. {@code accountId} is null for operator tokens, {@code
 * teamId} is set only for team tokens; {@code revokedAt} is null while the token is valid.
 */
public record ApiToken(
    String id,
    String name,
    TokenKind kind,
    AccountId accountId,
    TeamId teamId,
    Set<Permission> permissions,
    Instant createdAt,
    Instant revokedAt) {
  public ApiToken {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    permissions = Set.copyOf(permissions);
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public boolean has(Permission permission) {
    return kind == TokenKind.OPERATOR || permissions.contains(permission);
  }
}
