package dev.tally.server.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;

/** Every request has an id: the caller's X-Request-Id when it is safe, else a new one. */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";
  private static final String ATTRIBUTE = "tally.requestId";
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private RequestIds() {}

  public static void assign(Context ctx) {
    String given = ctx.header(HEADER);
    String id =
        given != null && SAFE.matcher(given).matches()
            ? given
            : "req_" + UUID.randomUUID().toString().replace("-", "");
    ctx.attribute(ATTRIBUTE, id);
    ctx.header(HEADER, id);
  }

  public static String of(Context ctx) {
    String id = ctx.attribute(ATTRIBUTE);
    return id == null ? "unknown" : id;
  }
}
