package dev.tally.domain.money;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CurrenciesTest {
  @Test
  void acceptsIsoCodesInAnyCase() {
    assertThat(Currencies.canonical("usd")).contains("USD");
    assertThat(Currencies.canonical("Eur")).contains("EUR");
    assertThat(Currencies.canonical("JPY")).contains("JPY");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "US", "USDX", "ABC", "€€€"})
  void refusesWhatIsNotAnIsoCode(String code) {
    assertThat(Currencies.canonical(code)).isEmpty();
  }

  @Test
  void knowsHowManyMinorDigitsACurrencyHas() {
    assertThat(Currencies.minorDigits("usd")).isEqualTo(2);
    assertThat(Currencies.minorDigits("JPY")).isZero();
    assertThat(Currencies.minorDigits("KWD")).isEqualTo(3);
    assertThat(Currencies.minorDigits("XAU")).isZero(); // gold has no minor unit
  }
}
