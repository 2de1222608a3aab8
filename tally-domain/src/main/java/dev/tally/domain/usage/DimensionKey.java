package dev.tally.domain.usage;

import java.util.Map;
import java.util.TreeMap;

/** The stable text form of a set of dimension values: {@code name=value} pairs sorted by name. */
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
              key.append(name).append('=').append(value);
            });
    return key.toString();
  }
}
