package dev.tally.domain.error;

import java.util.ArrayList;
import java.util.List;

/** Collects field errors while an input is checked, then throws them all at once. */
public final class FieldErrors {
  private final List<FieldError> errors = new ArrayList<>();

  public void add(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  public List<FieldError> list() {
    return List.copyOf(errors);
  }

  /** Throws a {@link Validation} naming every collected error, if there is any. */
  public void throwIfAny(String message) {
    if (!errors.isEmpty()) {
      throw new Validation(message, errors);
    }
  }
}
