package dev.tally.server.admin;

import dev.tally.domain.access.ApiToken;
import dev.tally.domain.access.Permission;
import dev.tally.domain.access.TokenKind;
import dev.tally.domain.access.TokenSecret;
import dev.tally.domain.access.TokenStore;
import dev.tally.domain.account.AccountId;
import dev.tally.domain.account.TeamId;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Issues API tokens: the secret is returned once and only its hash is stored. */
public final class TokenIssuer {
  private final TokenStore tokens;
  private final Clock clock;

  public TokenIssuer(TokenStore tokens, Clock clock) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A new token and its text, which is shown this once. */
  public record Issued(ApiToken token, String text) {}

  public Issued issue(
      String name,
      TokenKind kind,
      AccountId accountId,
      TeamId teamId,
      Set<Permission> permissions) {
    TokenSecret secret = TokenSecret.generate();
    ApiToken token =
        new ApiToken(
            secret.id(), name, kind, accountId, teamId, permissions, clock.instant(), null);
    tokens.create(token, secret.hash());
    return new Issued(token, secret.text());
  }

  /**
   * Makes sure {@code text} (an operator token in Tally's format) is a valid operator token, so an
   * operator can choose the bootstrap token. Returns false when the text is not in the format.
   */
  public boolean ensureOperator(String text) {
    Optional<TokenSecret> secret = TokenSecret.parse(text);
    if (secret.isEmpty()) {
      return false;
    }
    if (tokens.find(secret.get().id()).isEmpty()) {
      tokens.create(
          new ApiToken(
              secret.get().id(),
              "bootstrap operator",
              TokenKind.OPERATOR,
              null,
              null,
              Set.of(),
              clock.instant(),
              null),
          secret.get().hash());
    }
    return true;
  }

  /** Whether any operator token that is not revoked exists. */
  public boolean hasOperator() {
    return tokens.list().stream()
        .anyMatch(token -> token.kind() == TokenKind.OPERATOR && token.revokedAt() == null);
  }
}
