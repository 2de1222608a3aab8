package dev.tally.domain.error;

import java.util.Objects;

/** One reason an input was refused: the field's path (such as {@code [3].timestamp}) and why. */
public record FieldError(String field, String message) {
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }
}
