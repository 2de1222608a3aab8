package dev.tally.domain.error;

import java.util.List;

/** Input that breaks a rule, with every bad field at once. */
public final class Validation extends TallyException {
  private final List<FieldError> errors;

  public Validation(String message, List<FieldError> errors) {
    super(message);
    this.errors = List.copyOf(errors);
  }

  public Validation(String message) {
    this(message, List.of());
  }

  public static Validation of(String field, String message) {
    return new Validation(field + ": " + message, List.of(new FieldError(field, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
