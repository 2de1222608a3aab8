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
    try {
      Instant instant = OffsetDateTime.parse(value).toInstant();
      return instant.isBefore(EARLIEST) || instant.isAfter(LATEST) ? null : instant;
    } catch (DateTimeParseException e) {
      return null;
    }
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
