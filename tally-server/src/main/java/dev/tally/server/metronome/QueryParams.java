package dev.tally.server.metronome;

import dev.tally.domain.error.FieldErrors;
import dev.tally.domain.error.Validation;
import dev.tally.server.http.JsonInput;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a request's query parameters and collects every problem under the parameter's name, so that
 * a 400 names all bad parameters at once. An empty value counts as absent; a parameter given twice
 * is an error; parameters Tally does not know are ignored (the SDK sends some, such as {@code
 * webhook_notification_id}).
 */
final class QueryParams {
  private final Map<String, List<String>> values;
  private final FieldErrors errors = new FieldErrors();

  private QueryParams(Map<String, List<String>> values) {
    this.values = values;
  }

  /**
   * The parameters of the request's query string, decoded strictly: a malformed escape ({@code
   * %zz}) or bytes that are not UTF-8 are a 400, where a lenient decoder would drop or alter the
   * parameter and answer something the caller did not ask for.
   */
  static QueryParams of(Context ctx) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    String query = ctx.queryString();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        String name = decode(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
        values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
      }
    }
    return new QueryParams(values);
  }

  /** Decodes one name or value of a query string ({@code +} is a space), or throws a 400. */
  private static String decode(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int low = high < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
        if (low < 0) {
          throw new Validation(
              "the query string has a malformed escape at \""
                  + text.substring(i, Math.min(text.length(), i + 3))
                  + "\"; write % as %25");
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else if (c == '+') {
        bytes.write(' ');
      } else {
        int end = i + 1;
        while (end < text.length() && text.charAt(end) != '%' && text.charAt(end) != '+') {
          end++;
        }
        bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new Validation("the query string is not UTF-8 once its escapes are decoded");
    }
  }

  FieldErrors errors() {
    return errors;
  }

  /** Throws a 400 naming every bad parameter, if there is any. */
  void throwIfAny() {
    errors.throwIfAny("invalid query parameters");
  }

  /** The parameter's value, or null when it is absent or empty. */
  String text(String name) {
    List<String> given = values.getOrDefault(name, List.of());
    if (given.size() > 1) {
      errors.add(name, "must be given at most once");
      return null;
    }
    return given.isEmpty() || given.getFirst().isEmpty() ? null : given.getFirst();
  }

  int integer(String name, int min, int max, int absent) {
    String value = text(name);
    if (value == null) {
      return absent;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(name, "must be a whole number from " + min + " to " + max);
    return absent;
  }

  /** One of {@code allowed}, exactly as written there, or null when absent or not one of them. */
  String choice(String name, List<String> allowed) {
    String value = text(name);
    if (value != null && !allowed.contains(value)) {
      errors.add(name, "must be one of " + String.join(", ", allowed));
      return null;
    }
    return value;
  }

  Instant instant(String name) {
    String value = text(name);
    if (value == null) {
      return null;
    }
    Instant parsed = JsonInput.parseInstant(value);
    if (parsed == null) {
      errors.add(
          name,
          "must be an RFC 3339 timestamp such as 2026-01-31T00:00:00Z (a '+' of an offset is"
              + " written %2B in a query string)");
    }
    return parsed;
  }

  boolean bool(String name) {
    String value = text(name);
    if (value == null) {
      return false;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        errors.add(name, "must be true or false");
        yield false;
      }
    };
  }
}
