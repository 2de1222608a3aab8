package dev.tally.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonInputTest {
  private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  /** What parseInstant did before its fast path: the oracle it must still agree with. */
  private static Instant byFormatter(String value) {
    try {
      Instant instant = OffsetDateTime.parse(value).toInstant();
      return instant.isBefore(EARLIEST) || instant.isAfter(LATEST) ? null : instant;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Test
  void readsTimestampsExactlyAsTheIsoFormatterDoes() {
    List<String> texts =
        new ArrayList<>(
            List.of(
                "2026-01-31T00:00:00Z",
                "2026-01-31T00:00:00.5Z",
                "2026-01-31T00:00:00.123456789Z",
                "2026-01-31T00:00:00.1234567890Z",
                "2026-01-31T00:00:00.Z",
                "2026-01-31t00:00:00Z",
                "2026-01-31T00:00:00z",
                "2026-01-31T00:00Z",
                "2026-01-31T00:00:00+02:00",
                "2026-02-29T00:00:00Z",
                "2024-02-29T23:59:59Z",
                "2026-04-31T00:00:00Z",
                "2026-13-01T00:00:00Z",
                "2026-00-01T00:00:00Z",
                "2026-01-00T00:00:00Z",
                "2026-01-01T24:00:00Z",
                "2026-01-01T23:60:00Z",
                "2026-01-01T23:59:60Z",
                "1969-12-31T23:59:59Z",
                "1970-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z",
                "0000-01-01T00:00:00Z",
                "+2026-01-01T00:00:00Z",
                "2026-1-01T00:00:00Z",
                "2026-01-01T00:00:0aZ",
                "2026-01-01 00:00:00Z",
                "2026-01-01T00:00:00.12a4Z",
                "20260101T000000Z",
                ""));
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      long seconds = EARLIEST.getEpochSecond() + (long) (random.nextDouble() * 9.0e10);
      Instant instant = Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000));
      String text = instant.toString();
      texts.add(text);
      // Mutate one character, so that invalid fields and separators are tried too.
      char[] chars = text.toCharArray();
      chars[random.nextInt(chars.length)] = "0123456789:-.TZ+x".charAt(random.nextInt(17));
      texts.add(new String(chars));
    }
    for (String text : texts) {
      assertThat(JsonInput.parseInstant(text)).as(text).isEqualTo(byFormatter(text));
    }
  }
}
