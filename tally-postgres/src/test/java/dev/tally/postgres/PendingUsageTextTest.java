package dev.tally.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.domain.time.BillingPeriod;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A pending row's text reads back as written, whatever backslashes, tabs and newlines the account,
 * meter and dimension key hold, wherever they stand in them.
 */
class PendingUsageTextTest {
  private static final BillingPeriod MARCH =
      new BillingPeriod(
          Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"));
  private static final Instant HOUR = Instant.parse("2026-03-09T14:00:00Z");

  @Test
  void readsBackWhatWasWritten() {
    List<String> names = List.of("plain", "\\lead", "tail\t", "mid\ndle", "a\\b\tc\nd", "", "\\\\");
    StringBuilder text = new StringBuilder();
    List<String> written = new ArrayList<>();
    for (String name : names) {
      PendingUsage.appendBlock(text, "acct-" + name, MARCH);
      PendingUsage.appendLine(
          text, "m-" + name, HOUR, name, new BigDecimal("1.50"), 3, new BigDecimal("0.75"));
      PendingUsage.appendLine(text, name, HOUR, "k", BigDecimal.TEN, 1, BigDecimal.TEN);
      written.add(line("acct-" + name, "m-" + name, name, "1.50", 3, "0.75"));
      written.add(line("acct-" + name, name, "k", "10", 1, "10"));
    }

    List<String> read = new ArrayList<>();
    PendingUsage.read(
        text.toString(),
        null,
        (account, period, meter, hour, key, total, count, max) -> {
          assertThat(period).isEqualTo(MARCH);
          assertThat(hour).isEqualTo(HOUR);
          read.add(line(account, meter, key, total.toPlainString(), count, max.toPlainString()));
        });

    assertThat(read).isEqualTo(written);
  }

  private static String line(
      String account, String meter, String key, String total, long count, String max) {
    return List.of(account, meter, key, total, Long.toString(count), max).toString();
  }
}
