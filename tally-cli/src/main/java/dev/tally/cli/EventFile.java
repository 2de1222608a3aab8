package dev.tally.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.client.usage.UsageEvent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads usage events from NDJSON (one JSON object a line, Metronome's ingest shape) or CSV (a
 * header row naming transaction_id, customer_id, event_type, timestamp and any property columns;
 * numbers become numbers, empty cells are left out). Each event keeps its line number so that a
 * refusal can name it; a line that cannot be read becomes a {@link Problem}.
 */
final class EventFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FIELDS =
      List.of("transaction_id", "customer_id", "event_type", "timestamp");

  /** An event and the line it came from (1-based). */
  record Line(int number, UsageEvent event) {}

  /** A line that is not an event. */
  record Problem(int number, String message) {}

  final List<Line> events = new ArrayList<>();
  final List<Problem> problems = new ArrayList<>();

  static EventFile read(List<String> lines, boolean csv) {
    EventFile file = new EventFile();
    if (csv) {
      file.readCsv(lines);
    } else {
      file.readNdjson(lines);
    }
    return file;
  }

  /** CSV when the name says so, or when the first non-blank line does not start with {. */
  static boolean looksLikeCsv(String name, List<String> lines) {
    if (name.endsWith(".csv")) {
      return true;
    }
    if (name.endsWith(".ndjson") || name.endsWith(".jsonl") || name.endsWith(".json")) {
      return false;
    }
    return lines.stream()
        .filter(line -> !line.isBlank())
        .findFirst()
        .map(line -> !line.strip().startsWith("{"))
        .orElse(false);
  }

  private void readNdjson(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (java.io.IOException e) {
        problems.add(new Problem(i + 1, "not valid JSON"));
        continue;
      }
      if (!node.isObject()) {
        problems.add(new Problem(i + 1, "not a JSON object"));
        continue;
      }
      Map<String, Object> properties =
          node.path("properties").isObject()
              ? JSON.convertValue(
                  node.path("properties"),
                  JSON.getTypeFactory().constructMapType(Map.class, String.class, Object.class))
              : null;
      add(
          i + 1,
          text(node, "transaction_id"),
          text(node, "customer_id"),
          text(node, "event_type"),
          text(node, "timestamp"),
          properties);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }

  private void readCsv(List<String> lines) {
    int header = 0;
    while (header < lines.size() && lines.get(header).isBlank()) {
      header++;
    }
    if (header == lines.size()) {
      return;
    }
    List<String> names = cells(lines.get(header));
    for (int i = header + 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      List<String> cells = cells(lines.get(i));
      if (cells.size() != names.size()) {
        problems.add(
            new Problem(
                i + 1, "has " + cells.size() + " cells but the header has " + names.size()));
        continue;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      Map<String, Object> properties = new LinkedHashMap<>();
      for (int c = 0; c < names.size(); c++) {
        String name = names.get(c).strip();
        String cell = cells.get(c);
        if (FIELDS.contains(name)) {
          fields.put(name, cell.isEmpty() ? null : cell);
        } else if (!cell.isEmpty()) {
          properties.put(name.replaceFirst("^properties\\.", ""), value(cell));
        }
      }
      add(
          i + 1,
          fields.get("transaction_id"),
          fields.get("customer_id"),
          fields.get("event_type"),
          fields.get("timestamp"),
          properties);
    }
  }

  private void add(
      int number,
      String transactionId,
      String customerId,
      String eventType,
      String timestamp,
      Map<String, Object> properties) {
    if (transactionId == null || customerId == null) {
      problems.add(
          new Problem(
              number, (transactionId == null ? "transaction_id" : "customer_id") + " is required"));
      return;
    }
    events.add(
        new Line(
            number, new UsageEvent(transactionId, customerId, eventType, timestamp, properties)));
  }

  private static Object value(String cell) {
    if (cell.matches("-?\\d{1,18}(\\.\\d+)?")) {
      return new BigDecimal(cell);
    }
    return cell;
  }

  /** The cells of one CSV line: commas separate, double quotes enclose, "" is a quote. */
  static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
