package dev.tally.domain.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ManualClockTest {
  @Test
  void standsStillUntilMoved() {
    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));

    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));

    clock.advance(Duration.ofDays(31));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));

    clock.set(Instant.parse("2028-02-29T12:00:00Z"));
    assertThat(clock.millis()).isEqualTo(Instant.parse("2028-02-29T12:00:00Z").toEpochMilli());
  }

  @Test
  void alwaysSpeaksUtc() {
    ManualClock clock = new ManualClock(Instant.EPOCH);

    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(clock.withZone(ZoneId.of("America/New_York")).getZone()).isEqualTo(ZoneOffset.UTC);
  }
}
