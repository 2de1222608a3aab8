package dev.tally.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Function;

/**
 * What a command shows: {@code data} for {@code -o json} and {@code -o yaml}, the {@code rows} that
 * {@code -o custom-columns} picks from (the items of a list, or the one object), and the text of
 * {@code -o table} (given whether colour is on).
 */
record View(JsonNode data, List<JsonNode> rows, Function<Boolean, String> table) {
  /** A single object: custom columns read the object itself. */
  static View of(JsonNode data, Function<Boolean, String> table) {
    return new View(data, List.of(data), table);
  }
}
