package dev.tally.server.http;

import dev.tally.domain.access.TokenSecret;
import dev.tally.domain.access.TokenStore;
import dev.tally.domain.access.TokenStore.StoredToken;
import dev.tally.domain.access.TokenStore.VersionedToken;
import dev.tally.domain.error.Unauthenticated;
import dev.tally.domain.invoice.DraftVersion;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;

/** Finds the principal of a request from its {@code Authorization: Bearer} token. */
public final class Authenticator {
  private static final String ATTRIBUTE = "tally.principal";
  private final TokenStore tokens;

  public Authenticator(TokenStore tokens) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  public Principal authenticate(Context ctx) {
    Principal known = ctx.attribute(ATTRIBUTE);
    if (known != null) {
      return known;
    }
    TokenSecret secret = secret(ctx);
    return accept(ctx, secret, tokens.find(secret.id()));
  }

  /** A principal, and the draft version of its token's account read with the token. */
  public record Authenticated(Principal principal, DraftVersion version) {}

  /**
   * {@link #authenticate} in the same statement as the draft version of the token's account (null
   * for a token of no account), for a read that answers from what it kept while that version holds.
   */
  public Authenticated authenticateWithDraftVersion(Context ctx) {
    TokenSecret secret = secret(ctx);
    Optional<VersionedToken> found = tokens.findWithDraftVersion(secret.id());
    Principal principal = accept(ctx, secret, found.map(VersionedToken::stored));
    return new Authenticated(principal, found.orElseThrow().version());
  }

  private static TokenSecret secret(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      throw new Unauthenticated("missing Authorization: Bearer <token> header");
    }
    String text = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
    return TokenSecret.parse(text).orElseThrow(() -> new Unauthenticated("invalid API token"));
  }

  /** The principal of {@code found} when it is live and its secret is {@code secret}'s. */
  private static Principal accept(Context ctx, TokenSecret secret, Optional<StoredToken> found) {
    StoredToken stored =
        found
            .filter(token -> token.token().revokedAt() == null)
            .filter(token -> secret.matches(token.secretHash()))
            .orElseThrow(() -> new Unauthenticated("invalid API token"));
    Principal principal = new Principal(stored.token());
    ctx.attribute(ATTRIBUTE, principal);
    return principal;
  }

  /** The token id of an authenticated request, for the request log; never the secret. */
  public static String tokenId(Context ctx) {
    Principal principal = ctx.attribute(ATTRIBUTE);
    return principal == null ? "-" : principal.token().id();
  }
}
