package dev.tally.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The table form of one invoice: a few headline facts, then its items indented by depth with their
 * amounts in the invoice's currency.
 */
final class Statement {
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private final String currency;
  private final List<String[]> facts = new ArrayList<>();
  private final Table items = Table.of("ITEM", "AMOUNT>");

  Statement(String currency) {
    this.currency = currency;
  }

  Statement fact(String name, Object value) {
    if (value != null) {
      facts.add(new String[] {name, String.valueOf(value)});
    }
    return this;
  }

  Statement item(int depth, String title, long amount) {
    items.row("  ".repeat(depth) + title, Money.format(amount, currency));
    return this;
  }

  String render(boolean colour) {
    int width = facts.stream().mapToInt(f -> f[0].length()).max().orElse(0);
    StringBuilder text = new StringBuilder();
    for (String[] fact : facts) {
      text.append(fact[0]).append(" ".repeat(width - fact[0].length() + 3)).append(fact[1]);
      text.append('\n');
    }
    if (!facts.isEmpty()) {
      text.append('\n');
    }
    return text.append(items.render(colour)).toString();
  }

  /** A day as {@code 2026-03-01}, or with the time when it is not midnight UTC. */
  static String day(Instant instant) {
    if (instant == null) {
      return "";
    }
    String text = MINUTE.format(instant);
    return text.endsWith(" 00:00") ? text.substring(0, 10) : text;
  }

  static String day(long unixSeconds) {
    return day(Instant.ofEpochSecond(unixSeconds));
  }

  static String period(Instant start, Instant end) {
    return day(start) + " to " + day(end);
  }

  static String yesNo(Boolean value) {
    return value == null ? "" : value ? "yes" : "no";
  }
}
