package dev.tally.domain.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenSecretTest {
  private static final String TEXT = "tly_AbC123xyz789_0123456789abcdefABCDEF0123456789";

  @Test
  void generatesTokensInTallysFormat() {
    TokenSecret token = TokenSecret.generate();

    assertThat(token.text()).matches("tly_[0-9A-Za-z]{12}_[0-9A-Za-z]{32}");
    assertThat(TokenSecret.parse(token.text())).contains(token);
    assertThat(TokenSecret.generate()).isNotEqualTo(token);
  }

  @Test
  void readsTheIdAndTheSecretOfAToken() {
    assertThat(TokenSecret.parse(TEXT))
        .contains(new TokenSecret("AbC123xyz789", "0123456789abcdefABCDEF0123456789"));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "tly_AbC123xyz789_0123456789abcdefABCDEF012345678", // secret one short
        "tly_AbC123xyz78_0123456789abcdefABCDEF0123456789", // id one short
        "tlx_AbC123xyz789_0123456789abcdefABCDEF0123456789",
        "tly_AbC123xyz789_0123456789abcdefABCDEF012345678-",
        "Bearer tly_AbC123xyz789_0123456789abcdefABCDEF0123456789",
        "tly_AbC123xyz789_0123456789abcdefABCDEF0123456789 "
      })
  void refusesTextThatIsNotATallyToken(String text) {
    assertThat(TokenSecret.parse(text)).isEmpty();
  }

  @Test
  void matchesTheStoredHashOfItsOwnSecretOnly() {
    TokenSecret token = TokenSecret.parse(TEXT).orElseThrow();
    TokenSecret sameIdOtherSecret = new TokenSecret(token.id(), "1123456789abcdefABCDEF0123456789");

    assertThat(token.hash()).hasSize(32);
    assertThat(token.matches(token.hash())).isTrue();
    assertThat(sameIdOtherSecret.matches(token.hash())).isFalse();
    assertThat(token.matches(new byte[0])).isFalse();
  }

  @Test
  void neverPrintsTheSecret() {
    TokenSecret token = TokenSecret.parse(TEXT).orElseThrow();

    assertThat(token.toString()).contains("AbC123xyz789").doesNotContain(token.secret());
  }
}
