package dev.tally.server.metronome;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.server.http.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden JSON files under {@code src/test/resources/golden/metronome}: the wire answer must equal
 * the file, key order included, once the random invoice id is replaced by {@code <invoice id>}. Run
 * with {@code -Dgolden.update=true} to rewrite the files after an intended change.
 */
final class Golden {
  private static final Path DIRECTORY = Path.of("src/test/resources/golden/metronome");

  private Golden() {}

  static void assertMatches(String name, JsonNode invoice) {
    ObjectNode normalized = invoice.deepCopy();
    normalized.put("id", "<invoice id>");
    String actual = pretty(normalized);
    Path file = DIRECTORY.resolve(name + ".json");
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(DIRECTORY);
        Files.writeString(file, actual, StandardCharsets.UTF_8);
      }
      assertThat(file).as("golden file (write it with -Dgolden.update=true)").exists();
      assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String pretty(JsonNode node) {
    try {
      return WireJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
