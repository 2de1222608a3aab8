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
    StringBuilder key = new StringBuilder();
    new TreeMap<>(dimensions)
        .forEach(
            (name, value) -> {
              if (!key.isEmpty()) {
                key.append('\u001f');
              }
              key.append(escape(name)).append('=').append(escape(value));
            });
    return key.toString();
  }

  private static String escape(String text) {
    return text.replace("%", "%25").replace("=", "%3D").replace("\u001f", "%1F");
  }
}
