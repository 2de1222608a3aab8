package dev.tally.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligned columns of text: headers in capitals, columns three spaces apart, right-aligned where
 * asked (amounts), no trailing spaces. Headers are bold only when colour is on.
 */
final class Table {
  private final List<String> headers;
  private final boolean[] right;
  private final List<List<String>> rows = new ArrayList<>();

  private Table(List<String> headers, boolean[] right) {
    this.headers = headers;
    this.right = right;
  }

  /** A table with these headers; a header ending in {@code >} is right-aligned (the > dropped). */
  static Table of(String... headers) {
    List<String> names = new ArrayList<>();
    boolean[] right = new boolean[headers.length];
    for (int i = 0; i < headers.length; i++) {
      right[i] = headers[i].endsWith(">");
      names.add(right[i] ? headers[i].substring(0, headers[i].length() - 1) : headers[i]);
    }
    return new Table(names, right);
  }

  Table row(Object... values) {
    List<String> row = new ArrayList<>();
    for (Object value : values) {
      row.add(value == null ? "" : String.valueOf(value));
    }
    rows.add(row);
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  String render(boolean colour) {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder text = new StringBuilder();
    String header = line(headers, widths);
    text.append(colour ? "\u001b[1m" + header + "\u001b[0m" : header).append('\n');
    for (List<String> row : rows) {
      text.append(line(row, widths)).append('\n');
    }
    return text.toString();
  }

  private String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append("   ");
      }
      String cell = cells.get(i);
      String padding = " ".repeat(widths[i] - cell.length());
      line.append(right[i] ? padding + cell : cell + padding);
    }
    return line.toString().stripTrailing();
  }
}
