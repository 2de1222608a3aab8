package dev.tally.server.metronome;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class that reads the seeded scenario of {@link MetronomeFixture}, one Tally per class. */
abstract class SeededTallyTest {
  static MetronomeFixture tally;

  @BeforeAll
  static void startSeededTally() {
    tally = MetronomeFixture.seeded();
  }

  @AfterAll
  static void stopSeededTally() {
    tally.close();
  }
}
