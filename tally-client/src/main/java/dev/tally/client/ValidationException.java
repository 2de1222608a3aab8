package dev.tally.client;

import java.util.List;

/** 400: the request was refused, and nothing of it was stored; {@link #errors()} lists why. */
public final class ValidationException extends TallyException {
  private static final long serialVersionUID = 1L;

  private final transient List<FieldError> errors;

  /** Made by the client from a 400 answer with every field error the server named. */
  public ValidationException(String message, String requestId, List<FieldError> errors) {
    super(message, 400, requestId, null);
    this.errors = List.copyOf(errors);
  }

  /** Every bad field at once, in the server's order; empty when the server named none. */
  public List<FieldError> errors() {
    return errors;
  }
}
