package dev.tally.server.northflank;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Compares wire responses with golden JSON files under {@code
 * src/test/resources/golden/northflank}. Invoice ids (random) are written as {@code inv(<month of
 * the period start>)} and cursors as {@code cursor(after inv(<month>))}, so that a golden file also
 * shows where a cursor points. {@code GOLDEN_UPDATE=1} rewrites the files.
 */
final class Golden {
  private static final Path DIRECTORY = Path.of("src/test/resources/golden/northflank");

  private Golden() {}

  static void assertMatches(String name, JsonNode actual, Map<String, String> invoiceIds) {
    String text = pretty(normalize(actual.deepCopy(), invoiceIds));
    Path file = DIRECTORY.resolve(name + ".json");
    try {
      if ("1".equals(System.getenv("GOLDEN_UPDATE"))) {
        Files.createDirectories(DIRECTORY);
        Files.writeString(file, text, StandardCharsets.UTF_8);
      }
      assertThat(file).as("golden file %s (GOLDEN_UPDATE=1 writes it)", file).exists();
      assertThat(text).as("response against %s", file).isEqualTo(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode normalize(JsonNode node, Map<String, String> invoiceIds) {
    if (node instanceof ObjectNode object) {
      for (var entry : object.properties()) {
        JsonNode value = entry.getValue();
        if (value.isTextual() && entry.getKey().equals("cursor")) {
          var cursor = InvoiceCursor.decode(value.asText());
          entry.setValue(
              new TextNode(
                  cursor
                      .map(c -> "cursor(after " + name(c.invoiceId().value(), invoiceIds) + ")")
                      .orElse("not a cursor: " + value.asText())));
        } else if (value.isTextual()) {
          entry.setValue(new TextNode(name(value.asText(), invoiceIds)));
        } else {
          normalize(value, invoiceIds);
        }
      }
    } else if (node.isArray()) {
      node.forEach(item -> normalize(item, invoiceIds));
    }
    return node;
  }

  private static String name(String text, Map<String, String> invoiceIds) {
    for (var entry : invoiceIds.entrySet()) {
      if (entry.getValue().equals(text)) {
        return "inv(" + entry.getKey() + ")";
      }
    }
    return text;
  }

  private static String pretty(JsonNode node) {
    try {
      return Answer.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
