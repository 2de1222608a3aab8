package dev.tally.server.http;

import dev.tally.domain.error.Validation;
import io.javalin.http.Context;

/**
 * Refuses, with a 400 in the route family's shape, requests whose path or query carries a NUL
 * character: PostgreSQL cannot store or compare text with NUL, so such a value could never name
 * anything, and it must not reach the database as an error.
 */
public final class RequestGuard {
  private RequestGuard() {}

  public static void check(Context ctx) {
    String path = ctx.path();
    if (path.indexOf('\u0000') >= 0 || path.toLowerCase(java.util.Locale.ROOT).contains("%00")) {
      throw new Validation("the path must not contain the NUL character");
    }
    String query = ctx.queryString();
    if (query != null
        && (query.indexOf('\u0000') >= 0
            || query.toLowerCase(java.util.Locale.ROOT).contains("%00"))) {
      throw new Validation("the query must not contain the NUL character");
    }
  }
}
