package dev.tally.postgres;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values computed once per key and kept, for the hot paths that would otherwise format or hash the
 * same few keys again and again. All are dropped when more than {@code limit} are kept: a cache,
 * never a limit.
 */
final class Memo<K, V> {
  private final Map<K, V> values = new ConcurrentHashMap<>();
  private final int limit;
  private final Function<K, V> compute;

  Memo(int limit, Function<K, V> compute) {
    this.limit = limit;
    this.compute = compute;
  }

  V get(K key) {
    V value = values.get(key);
    if (value == null) {
      if (values.size() > limit) {
        values.clear();
      }
      value = compute.apply(key);
      values.put(key, value);
    }
    return value;
  }
}
