package dev.tally.server.http;

import dev.tally.domain.access.ApiToken;
import dev.tally.domain.access.Permission;
import dev.tally.domain.access.TokenKind;
import dev.tally.domain.account.AccountId;
import dev.tally.domain.account.TeamId;
import dev.tally.domain.error.Forbidden;
import java.util.Objects;

/** Who is calling: the valid token of the request, and the checks routes make against it. */
public record Principal(ApiToken token) {
  public Principal {
    Objects.requireNonNull(token, "token");
  }

  public void requireOperator() {
    if (token.kind() != TokenKind.OPERATOR) {
      throw new Forbidden("this route needs an operator token");
    }
  }

  /**
   * Requires the right to read {@code accountId}'s billing, or only {@code teamId}'s share of it
   * when a team is given. An account token reads its whole account; a team token only its team.
   */
  public void requireBillingRead(AccountId accountId, TeamId teamId) {
    if (token.kind() == TokenKind.OPERATOR) {
      throw new Forbidden(
          "operator tokens do not read customer billing routes; use an account token");
    }
    if (!token.has(Permission.BILLING_READ)) {
      throw new Forbidden("the token lacks the permission " + Permission.BILLING_READ.title());
    }
    if (!token.accountId().equals(accountId)) {
      throw new Forbidden("the token belongs to another account");
    }
    if (token.kind() == TokenKind.TEAM && (teamId == null || !token.teamId().equals(teamId))) {
      throw new Forbidden("a team token reads only its own team's billing");
    }
  }
}
