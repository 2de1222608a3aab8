package dev.tally.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The printed table of figures, and the description of the machine they were measured on. */
final class Report {
  private Report() {}

  static String table(JsonNode scenarios) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"SCENARIO", "FIGURE", "TARGET", "MET?"});
    scenarios
        .properties()
        .forEach(
            entry ->
                rows.add(
                    new String[] {
                      entry.getKey(),
                      // A failure's figure may carry the server's log; the table shows its first
                      // line, the JSON all of it.
                      entry.getValue().path("figure").asText().lines().findFirst().orElse(""),
                      entry.getValue().path("target").asText(),
                      entry.getValue().path("met").asBoolean() ? "yes" : "NO"
                    }));
    int[] widths = new int[4];
    for (String[] row : rows) {
      for (int i = 0; i < 4; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder table = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < 4; i++) {
        table.append(i == 3 ? row[i] : String.format("%-" + widths[i] + "s   ", row[i]));
      }
      table.append('\n');
    }
    return table.toString();
  }

  static ObjectNode machine() {
    ObjectNode machine = Api.JSON.createObjectNode();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("java_version", System.getProperty("java.version"));
    machine.put("java_vm", System.getProperty("java.vm.name"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    machine.put("memory_total", firstLine(Path.of("/proc/meminfo")));
    machine.put("load_average_at_start", firstLine(Path.of("/proc/loadavg")));
    return machine;
  }

  private static String firstLine(Path file) {
    try {
      return Files.readAllLines(file).get(0).trim();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
