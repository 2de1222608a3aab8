package dev.tally.server.metronome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.domain.error.Validation;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InvoiceCursorTest {
  private static final InvoiceCursor CURSOR =
      new InvoiceCursor(Instant.parse("2025-06-01T00:00:00.123456Z"), "inv_0123456789abcdef");

  @Test
  void readsBackWhatItWroteForTheSameQuery() {
    String text = CURSOR.encode("query");
    assertThat(text).matches("[A-Za-z0-9_-]+");
    assertThat(InvoiceCursor.decode(text, "query")).isEqualTo(CURSOR);
  }

  @Test
  void refusesACursorOfAnotherQuery() {
    String text = CURSOR.encode("query");
    assertThatThrownBy(() -> InvoiceCursor.decode(text, "other query"))
        .isInstanceOf(Validation.class)
        .hasMessageContaining("next_page");
  }

  @Test
  void refusesEveryOtherSpellingOfTheSameBytes() {
    String text = CURSOR.encode("query");
    String last = text.substring(text.length() - 1);
    for (char c :
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray()) {
      String other = text.substring(0, text.length() - 1) + c;
      if (!String.valueOf(c).equals(last)) {
        assertThatThrownBy(() -> InvoiceCursor.decode(other, "query"))
            .as(other)
            .isInstanceOf(Validation.class);
      }
    }
    assertThatThrownBy(() -> InvoiceCursor.decode(text + "==", "query"))
        .isInstanceOf(Validation.class);
  }

  @Test
  void refusesTextItDidNotWrite() {
    for (String text : new String[] {"", "A", "====", "\u00e9", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
      assertThatThrownBy(() -> InvoiceCursor.decode(text, "query"))
          .as(text)
          .isInstanceOf(Validation.class);
    }
  }
}
