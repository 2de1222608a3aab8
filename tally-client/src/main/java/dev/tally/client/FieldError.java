package dev.tally.client;

/**
 * One problem of a refused request: {@code field} names it as the server does ({@code currency},
 * {@code [3].timestamp}, {@code per_page}), {@code message} says what is wrong with it.
 */
public record FieldError(String field, String message) {
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
