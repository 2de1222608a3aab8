package dev.tally.domain.usage;

import java.util.Map;
import java.util.TreeMap;

/**
 * The stable text form of a set of dimension values: {@code name=value} pairs sorted by name,
 * joined by U+001F, with {@code %}, {@code =} and U+001F inside names and values escaped so that
 * different sets never share a key.
 */
public final class DimensionKey {
  private DimensionKey() {}

  public static String of(Map<String, String> dimensions) {
    // Most events have no dimension or one, already in order: only more are sorted.
    Map<String, String> sorted = dimensions.size() < 2 ? dimensions : new TreeMap<>(dimensions);
    StringBuilder key = new StringBuilder();
    sorted.forEach(
        (name, value) -> {
          if (!key.isEmpty()) {
            key.append('\u001f');
          }
          key.append(escape(name)).append('=').append(escape(value));
        });
    return key.toString();
  }

  /** The dimension values a key was made of: {@code parse(of(values))} equals {@code values}. */
  public static Map<String, String> parse(String key) {
    Map<String, String> dimensions = new TreeMap<>();
    if (key.isEmpty()) {
      return dimensions;
    }
    int start = 0;
    while (start <= key.length()) {
      int end = key.indexOf('\u001f', start);
      if (end < 0) {
        end = key.length();
      }
      int equals = key.indexOf('=', start);
      if (equals < 0 || equals > end) {
        throw new IllegalArgumentException("not a dimension key: " + key);
      }
      dimensions.put(unescape(key, start, equals), unescape(key, equals + 1, end));
      start = end + 1;
    }
    return dimensions;
  }

  private static String unescape(String key, int from, int to) {
    int percent = key.indexOf('%', from);
    if (percent < 0 || percent >= to) {
      return key.substring(from, to);
    }
    StringBuilder text = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = key.charAt(i);
      if (c == '%' && i + 2 < to) {
        text.append((char) Integer.parseInt(key, i + 1, i + 3, 16));
        i += 2;
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }

  private static String escape(String text) {
    return text.replace("%", "%25").replace("=", "%3D").replace("\u001f", "%1F");
  }
}
