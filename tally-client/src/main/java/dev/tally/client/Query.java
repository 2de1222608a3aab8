package dev.tally.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** A query string under construction; null values are left out. */
final class Query {
  private final Map<String, String> parameters = new LinkedHashMap<>();

  static Query of() {
    return new Query();
  }

  Query add(String name, Object value) {
    if (value != null) {
      parameters.put(name, String.valueOf(value));
    }
    return this;
  }

  /** "" or "?a=1&b=2", each value percent-encoded (a space as %20, never +). */
  String render() {
    if (parameters.isEmpty()) {
      return "";
    }
    StringJoiner joined = new StringJoiner("&", "?", "");
    parameters.forEach((name, value) -> joined.add(encode(name) + "=" + encode(value)));
    return joined.toString();
  }

  /** Percent-encodes one path segment or query value. */
  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
