package dev.tally.server.http;

import dev.tally.domain.error.Conflict;
import dev.tally.domain.error.FieldError;
import dev.tally.domain.error.Forbidden;
import dev.tally.domain.error.NotFound;
import dev.tally.domain.error.TallyException;
import dev.tally.domain.error.Unauthenticated;
import dev.tally.domain.error.Validation;
import io.javalin.http.Context;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one table from exceptions to HTTP statuses, written in the family's error shape. */
public final class Errors {
  private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

  private Errors() {}

  public static int status(TallyException e) {
    return switch (e) {
      case Validation v -> 400;
      case Unauthenticated u -> 401;
      case Forbidden f -> 403;
      case NotFound n -> 404;
      case Conflict c -> 409;
    };
  }

  public static void handle(TallyException e, Context ctx) {
    List<FieldError> fields = e instanceof Validation validation ? validation.errors() : List.of();
    write(ctx, status(e), e.getMessage(), fields);
  }

  public static void handleUnexpected(Exception e, Context ctx) {
    LOG.error("request {} failed", RequestIds.of(ctx), e);
    write(ctx, 500, "internal error; the request id identifies it in the server log", List.of());
  }

  public static void write(Context ctx, int status, String message, List<FieldError> fields) {
    ApiFamily family = ApiFamily.of(ctx.path());
    ctx.status(status);
    ctx.contentType("application/json");
    ctx.result(WireJson.write(family.errorBody(status, message, RequestIds.of(ctx), fields)));
  }
}
