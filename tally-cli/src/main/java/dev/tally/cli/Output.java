package dev.tally.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The output formats: {@code table} (aligned columns, amounts in their currency), {@code json},
 * {@code yaml} and {@code custom-columns=NAME:path,...} where a path is a dotted field path such as
 * {@code .period.start} (the leading dot is optional, {@code [0]} picks an array item).
 */
final class Output {
  private static final ObjectWriter PRETTY =
      new ObjectMapper()
          .writer()
          .with(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .with(
              new DefaultPrettyPrinter()
                  .withSeparators(
                      Separators.createDefaultInstance()
                          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                          .withArrayEmptySeparator("")
                          .withObjectEmptySeparator(""))
                  .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                  .withObjectIndenter(new DefaultIndenter("  ", "\n")));

  private final String format;
  private final List<String[]> columns;

  private Output(String format, List<String[]> columns) {
    this.format = format;
    this.columns = columns;
  }

  /** Reads {@code -o}; null means table on a terminal and JSON otherwise. */
  static Output parse(String option, boolean terminal) {
    if (option == null) {
      return new Output(terminal ? "table" : "json", List.of());
    }
    if (option.startsWith("custom-columns=")) {
      List<String[]> columns = new ArrayList<>();
      for (String column : option.substring("custom-columns=".length()).split(",")) {
        String[] parts = column.split(":", 2);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
          throw new UsageError(
              "custom-columns takes NAME:path pairs separated by commas, such as"
                  + " custom-columns=ID:.id,TOTAL:.total; not '"
                  + column
                  + "'");
        }
        columns.add(parts);
      }
      return new Output("custom-columns", columns);
    }
    return switch (option) {
      case "table", "json", "yaml" -> new Output(option, List.of());
      default ->
          throw new UsageError(
              "unknown output format '"
                  + option
                  + "'; use table, json, yaml or custom-columns=NAME:path,...");
    };
  }

  boolean isTable() {
    return format.equals("table");
  }

  String render(View view, boolean colour) {
    return switch (format) {
      case "json" -> json(view.data());
      case "yaml" -> Yaml.write(view.data());
      case "custom-columns" -> customColumns(view.rows(), colour);
      default -> view.table().apply(colour);
    };
  }

  static String json(JsonNode value) {
    try {
      return PRETTY.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String customColumns(List<JsonNode> rows, boolean colour) {
    Table table = Table.of(columns.stream().map(c -> c[0]).toArray(String[]::new));
    for (JsonNode row : rows) {
      table.row(columns.stream().map(c -> text(at(row, c[1]))).toArray());
    }
    return table.render(colour);
  }

  /** The value at a dotted path, or a missing node. */
  static JsonNode at(JsonNode node, String path) {
    JsonNode current = node;
    for (String part : path.replaceAll("^\\.", "").replace("[", ".[").split("\\.")) {
      if (part.isEmpty()) {
        continue;
      }
      if (part.matches("\\[\\d{1,9}]")) {
        current = current.path(Integer.parseInt(part.substring(1, part.length() - 1)));
      } else {
        current = current.path(part);
      }
    }
    return current;
  }

  private static String text(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return "<none>";
    }
    if (value.isBigDecimal()) {
      return value.decimalValue().toPlainString();
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }
}
