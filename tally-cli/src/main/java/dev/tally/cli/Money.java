package dev.tally.cli;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;

/**
 * Formats amounts in minor units for people: {@code 624647, usd} is {@code 6,246.47 USD}, {@code
 * 1200, JPY} is {@code 1,200 JPY}. The same on every machine, whatever its locale.
 */
final class Money {
  private Money() {}

  static String format(long minor, String currency) {
    String code = currency == null ? "" : currency.toUpperCase(Locale.ROOT);
    int digits = fractionDigits(code);
    DecimalFormat format =
        new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
    format.setMinimumFractionDigits(digits);
    format.setMaximumFractionDigits(digits);
    String amount = format.format(BigDecimal.valueOf(minor).movePointLeft(digits));
    return code.isEmpty() ? amount : amount + " " + code;
  }

  /**
   * A unit price given in minor units, possibly fractional: {@code 0.1, USD} is {@code 0.001 USD},
   * {@code 1000, USD} is {@code 10.00 USD}.
   */
  static String price(BigDecimal minor, String currency) {
    if (minor == null) {
      return "";
    }
    String code = currency == null ? "" : currency.toUpperCase(Locale.ROOT);
    int digits = fractionDigits(code);
    BigDecimal major = minor.movePointLeft(digits).stripTrailingZeros();
    if (major.scale() < digits) {
      major = major.setScale(digits);
    }
    String amount = major.toPlainString();
    return code.isEmpty() ? amount : amount + " " + code;
  }

  private static int fractionDigits(String code) {
    try {
      int digits = Currency.getInstance(code).getDefaultFractionDigits();
      return digits < 0 ? 0 : digits;
    } catch (IllegalArgumentException e) {
      return 2;
    }
  }

  /** The currency of a Metronome credit type name: {@code USD (cents)} is USD. */
  static String currencyOfCreditType(String creditTypeName) {
    if (creditTypeName == null || creditTypeName.isBlank()) {
      return "";
    }
    return creditTypeName.strip().split(" ", 2)[0];
  }
}
