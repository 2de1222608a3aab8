package dev.tally.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.domain.error.FieldErrors;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads fields of a JSON object and collects every problem under the field's path, so that a 400
 * names all bad fields at once.
 */
public final class JsonInput {
  private static final BigDecimal MAX_NUMBER = BigDecimal.TEN.pow(18);
  private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private final JsonNode node;
  private final String path;
  private final FieldErrors errors;

  public JsonInput(JsonNode node, String path, FieldErrors errors) {
    this.node = node;
    this.path = path;
    this.errors = errors;
  }

  /** The request body as an object, or a 400 when it is not one. */
  public static JsonInput body(JsonNode body, FieldErrors errors) {
    if (!body.isObject()) {
      throw new dev.tally.domain.error.Validation("the request body must be a JSON object");
    }
    return new JsonInput(body, "", errors);
  }

  public FieldErrors errors() {
    return errors;
  }

  public String field(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  public boolean has(String name) {
    return node.has(name) && !node.get(name).isNull();
  }

  public String text(String name, boolean required) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      if (required) {
        errors.add(field(name), "is required");
      }
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      errors.add(field(name), "must be a non-empty string");
      return null;
    }
    if (value.asText().indexOf('\u0000') >= 0) {
      errors.add(field(name), "must not contain the NUL character");
      return null;
    }
    return value.asText();
  }

  /** A text that must match {@code pattern} (an id), described by {@code rule} when it does not. */
  public String id(String name, boolean required) {
    String value = text(name, required);
    if (value != null && !value.matches("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}")) {
      errors.add(field(name), "must be 1 to 128 letters, digits, '_', '-', '.' or ':'");
      return null;
    }
    return value;
  }

  public BigDecimal decimal(String name, boolean required) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      if (required) {
        errors.add(field(name), "is required");
      }
      return null;
    }
    BigDecimal number = null;
    if (value.isNumber()) {
      number = value.decimalValue();
    } else if (value.isTextual()) {
      try {
        number = new BigDecimal(value.asText());
      } catch (NumberFormatException e) {
        number = null;
      }
    }
    if (number == null) {
      errors.add(field(name), "must be a number");
      return null;
    }
    // Amounts, percentages and prices fit in 18 digits before the point and 18 after: beyond that
    // a number cannot be a price or be stored and printed exactly (1e10000 is short to write).
    if (number.abs().compareTo(MAX_NUMBER) >= 0 || number.stripTrailingZeros().scale() > 18) {
      errors.add(field(name), "must be below 10^18 with at most 18 decimal places");
      return null;
    }
    return number;
  }

  public Integer integer(String name, boolean required) {
    BigDecimal value = decimal(name, required);
    if (value == null) {
      return null;
    }
    try {
      return value.intValueExact();
    } catch (ArithmeticException e) {
      errors.add(field(name), "must be a whole number");
      return null;
    }
  }

  public Instant instant(String name, boolean required) {
    String value = text(name, required);
    if (value == null) {
      return null;
    }
    Instant parsed = parseInstant(value);
    if (parsed == null) {
      errors.add(
          field(name),
          "must be an RFC 3339 timestamp between the years 1970 and 9999, such as"
              + " 2026-01-31T00:00:00Z");
    }
    return parsed;
  }

  /**
   * An RFC 3339 timestamp (with an offset or Z) from 1970 to 9999, or null when it is not one:
   * billing happens in that range, and PostgreSQL's timestamps end long before year 300000.
   */
  public static Instant parseInstant(String value) {
    Instant instant = parseUtc(value);
    if (instant == null) {
      try {
        instant = OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return instant.isBefore(EARLIEST) || instant.isAfter(LATEST) ? null : instant;
  }

  /**
   * The common form {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with valid fields, read without a
   * formatter (ingest reads one per event); null for anything else, which {@link
   * OffsetDateTime#parse} then decides, so both accept and refuse exactly the same texts.
   */
  private static Instant parseUtc(String text) {
    int length = text.length();
    if (length < 20
        || length > 30
        || length == 21
        || text.charAt(length - 1) != 'Z'
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || (length > 20 && text.charAt(19) != '.')) {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int nanos = 0;
    if (length > 20) {
      int fraction = digits(text, 20, length - 1);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction;
      for (int i = length - 1 - 20; i < 9; i++) {
        nanos *= 10;
      }
    }
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > java.time.YearMonth.of(year, month).lengthOfMonth()
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** The non-negative number written by the ASCII digits text[from, to), or -1. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  public <E extends Enum<E>> E choice(
      String name,
      boolean required,
      Function<String, java.util.Optional<E>> lookup,
      List<String> allowed) {
    String value = text(name, required);
    if (value == null) {
      return null;
    }
    var parsed = lookup.apply(value);
    if (parsed.isEmpty()) {
      errors.add(field(name), "must be one of " + String.join(", ", allowed));
      return null;
    }
    return parsed.get();
  }

  public Map<String, String> stringMap(String name) {
    Map<String, String> result = new LinkedHashMap<>();
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return result;
    }
    if (!value.isObject()) {
      errors.add(field(name), "must be an object of strings");
      return result;
    }
    value
        .properties()
        .forEach(
            entry -> {
              if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
                result.put(entry.getKey(), entry.getValue().asText());
              } else {
                errors.add(field(name) + "." + entry.getKey(), "must be a string");
              }
            });
    return result;
  }

  public List<String> stringList(String name) {
    List<String> result = new ArrayList<>();
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return result;
    }
    if (!value.isArray()) {
      errors.add(field(name), "must be an array of strings");
      return result;
    }
    for (int i = 0; i < value.size(); i++) {
      if (value.get(i).isTextual()) {
        result.add(value.get(i).asText());
      } else {
        errors.add(field(name) + "[" + i + "]", "must be a string");
      }
    }
    return result;
  }

  /** The objects of an array field, each as an input at its own path. */
  public List<JsonInput> objects(String name, boolean required) {
    List<JsonInput> result = new ArrayList<>();
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      if (required) {
        errors.add(field(name), "is required");
      }
      return result;
    }
    if (!value.isArray()) {
      errors.add(field(name), "must be an array");
      return result;
    }
    for (int i = 0; i < value.size(); i++) {
      String itemPath = field(name) + "[" + i + "]";
      if (value.get(i).isObject()) {
        result.add(new JsonInput(value.get(i), itemPath, errors));
      } else {
        errors.add(itemPath, "must be an object");
      }
    }
    return result;
  }
}
