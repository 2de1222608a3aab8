package dev.tally.server.http;

import dev.tally.domain.access.TokenSecret;
import dev.tally.domain.access.TokenStore;
import dev.tally.domain.error.Unauthenticated;
import io.javalin.http.Context;
import java.util.Objects;

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
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      throw new Unauthenticated("missing Authorization: Bearer <token> header");
    }
    String text = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
    TokenSecret secret =
        TokenSecret.parse(text).orElseThrow(() -> new Unauthenticated("invalid API token"));
    var stored =
        tokens
            .find(secret.id())
            .filter(found -> found.token().revokedAt() == null)
            .filter(found -> secret.matches(found.secretHash()))
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
