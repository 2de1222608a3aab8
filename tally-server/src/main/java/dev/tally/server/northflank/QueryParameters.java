package dev.tally.server.northflank;

import dev.tally.domain.account.ResourceType;
import dev.tally.domain.error.FieldError;
import dev.tally.domain.error.FieldErrors;
import dev.tally.domain.error.Validation;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a request's query parameters strictly, collecting every problem so that one 400 names them
 * all. A parameter given twice or with an empty value is a problem; parameters no route reads are
 * ignored, so clients may send others.
 */
final class QueryParameters {
  private static final int MAX_PER_PAGE = 100;
  private static final int DEFAULT_PER_PAGE = 50;

  /** The last second of year 9999: later numbers are not unix times in seconds. */
  private static final long MAX_UNIX_SECONDS = 253_402_300_799L;

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,12}");
  private static final int MAX_ID = 200;

  private final Context ctx;
  private final FieldErrors errors = new FieldErrors();

  QueryParameters(Context ctx) {
    this.ctx = ctx;
  }

  /** {@code per_page}: 1 to 100, 50 when absent. */
  int perPage() {
    Long value = whole("per_page", 1, MAX_PER_PAGE, "must be a whole number from 1 to 100");
    return value == null ? DEFAULT_PER_PAGE : value.intValue();
  }

  /** {@code page}: 1-based, 1 when absent. */
  long page() {
    Long value = whole("page", 1, Integer.MAX_VALUE, "must be a whole number from 1 to 2147483647");
    return value == null ? 1 : value;
  }

  /** {@code cursor}: one that Tally issued, or null when absent. */
  InvoiceCursor cursor() {
    return parsed(
        "cursor",
        InvoiceCursor::decode,
        "was not issued by Tally; pass the pagination.cursor of the previous page");
  }

  /** {@code timestamp}: a unix time in whole seconds, or null when absent. */
  Instant timestamp() {
    Long seconds =
        whole(
            "timestamp",
            0,
            MAX_UNIX_SECONDS,
            "must be a unix time in whole seconds, such as 1657206215");
    return seconds == null ? null : Instant.ofEpochSecond(seconds);
  }

  /** {@code resourceType}: one of the seven resource types, or null when absent. */
  ResourceType resourceType() {
    return parsed(
        "resourceType",
        ResourceType::fromWire,
        "must be one of " + String.join(", ", ResourceType.wireNames()));
  }

  /** An id to filter by, or null when absent. */
  String id(String name) {
    String text = single(name);
    if (text != null && text.length() > MAX_ID) {
      errors.add(name, "must be at most " + MAX_ID + " characters");
      return null;
    }
    return text;
  }

  /** Throws one 400 naming every problem found so far, if there is any. */
  void check() {
    List<FieldError> found = errors.list();
    if (!found.isEmpty()) {
      throw new Validation(
          found.stream()
              .map(error -> error.field() + " " + error.message())
              .collect(Collectors.joining("; ")),
          found);
    }
  }

  /** The parameter as {@code parse} reads it, or null when absent or unreadable (then noted). */
  private <T> T parsed(String name, Function<String, Optional<T>> parse, String rule) {
    String text = single(name);
    if (text == null) {
      return null;
    }
    Optional<T> value = parse.apply(text);
    if (value.isEmpty()) {
      errors.add(name, rule);
    }
    return value.orElse(null);
  }

  /** A whole number from {@code min} to {@code max}, written in plain digits. */
  private Long whole(String name, long min, long max, String rule) {
    return parsed(
        name,
        text ->
            Optional.of(text)
                .filter(digits -> DIGITS.matcher(digits).matches())
                .map(Long::parseLong)
                .filter(value -> value >= min && value <= max),
        rule);
  }

  private String single(String name) {
    List<String> values = ctx.queryParams(name);
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      errors.add(name, "must be given at most once");
      return null;
    }
    if (values.getFirst().isEmpty()) {
      errors.add(name, "must not be empty");
      return null;
    }
    return values.getFirst();
  }
}
