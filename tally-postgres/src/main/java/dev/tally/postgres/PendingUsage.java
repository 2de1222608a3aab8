package dev.tally.postgres;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The text of a {@code usage_pending} row: what one ingest group added to one account's billing
 * period, a line per meter, hour and group of dimension values, each {@code meter TAB hour TAB
 * dimension-key TAB total TAB count TAB max}, the hour in epoch seconds. Backslash, tab and newline
 * inside the meter id and the key are escaped as {@code \\}, {@code \t} and {@code \n}; numbers are
 * plain decimals.
 */
final class PendingUsage {
  private PendingUsage() {}

  /** One line of a pending row, as {@link #read} hands it on. */
  interface Line {
    void add(
        String meterId, Instant hour, String dimKey, BigDecimal total, long count, BigDecimal max);
  }

  static void append(
      StringBuilder out,
      String meterId,
      Instant hour,
      String dimKey,
      BigDecimal total,
      long count,
      BigDecimal max) {
    escape(out, meterId);
    out.append('\t').append(hour.getEpochSecond()).append('\t');
    escape(out, dimKey);
    out.append('\t')
        .append(total.toPlainString())
        .append('\t')
        .append(count)
        .append('\t')
        .append(max.toPlainString())
        .append('\n');
  }

  /** Hands each line of {@code text} to {@code line}, in order. */
  static void read(String text, Line line) {
    int start = 0;
    int length = text.length();
    while (start < length) {
      int meterEnd = text.indexOf('\t', start);
      int hourEnd = text.indexOf('\t', meterEnd + 1);
      int keyEnd = text.indexOf('\t', hourEnd + 1);
      int totalEnd = text.indexOf('\t', keyEnd + 1);
      int countEnd = text.indexOf('\t', totalEnd + 1);
      int end = text.indexOf('\n', countEnd + 1);
      if (meterEnd < 0 || hourEnd < 0 || keyEnd < 0 || totalEnd < 0 || countEnd < 0 || end < 0) {
        throw new IllegalStateException("not a pending usage line at " + start);
      }
      line.add(
          unescape(text, start, meterEnd),
          Instant.ofEpochSecond(Long.parseLong(text, meterEnd + 1, hourEnd, 10)),
          unescape(text, hourEnd + 1, keyEnd),
          new BigDecimal(text.substring(keyEnd + 1, totalEnd)),
          Long.parseLong(text, totalEnd + 1, countEnd, 10),
          new BigDecimal(text.substring(countEnd + 1, end)));
      start = end + 1;
    }
  }

  private static void escape(StringBuilder out, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
  }

  private static String unescape(String text, int from, int to) {
    int backslash = text.indexOf('\\', from);
    if (backslash < 0 || backslash >= to) {
      return text.substring(from, to);
    }
    StringBuilder out = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < to) {
        char next = text.charAt(++i);
        out.append(next == 't' ? '\t' : next == 'n' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
