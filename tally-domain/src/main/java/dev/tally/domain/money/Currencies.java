package dev.tally.domain.money;

import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

/** ISO 4217 currency codes as Tally accepts them: upper case on input, lower case on the wire. */
public final class Currencies {
  private Currencies() {}

  /** The canonical upper-case code, or empty when the code is not an ISO 4217 currency. */
  public static Optional<String> canonical(String code) {
    if (code == null || code.length() != 3) {
      return Optional.empty();
    }
    try {
      return Optional.of(Currency.getInstance(code.toUpperCase(Locale.ROOT)).getCurrencyCode());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** How many decimal places the currency's major unit has (2 for USD, 0 for JPY). */
  public static int minorDigits(String code) {
    int digits = Currency.getInstance(code.toUpperCase(Locale.ROOT)).getDefaultFractionDigits();
    return Math.max(digits, 0);
  }
}
