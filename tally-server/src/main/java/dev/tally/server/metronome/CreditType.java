package dev.tally.server.metronome;

import dev.tally.domain.money.Currencies;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Metronome's credit type of an invoice, drawn from its currency: amounts are in the currency's
 * minor units. USD has Metronome's own id of "USD (cents)", so filters written for Metronome keep
 * working; any other currency a stable id derived from its ISO 4217 code.
 */
record CreditType(String id, String name, String currency) {
  /** Metronome's id of the credit type "USD (cents)", the same on every Metronome account. */
  static final String USD_CENTS_ID = "2714e483-4ff1-48e4-9e25-ac732e8f24f2";

  CreditType {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(currency, "currency");
  }

  static CreditType of(String currency) {
    if (currency.equals("USD")) {
      return new CreditType(USD_CENTS_ID, "USD (cents)", currency);
    }
    String id =
        UUID.nameUUIDFromBytes(("tally credit type " + currency).getBytes(StandardCharsets.UTF_8))
            .toString();
    String unit =
        switch (Currencies.minorDigits(currency)) {
          case 0 -> "";
          case 2 -> " (cents)";
          default -> " (minor units)";
        };
    return new CreditType(id, currency + unit, currency);
  }

  /** Whether a {@code credit_type_id} filter names this credit type: its id or its ISO code. */
  boolean isNamedBy(String filter) {
    return id.equalsIgnoreCase(filter) || currency.equalsIgnoreCase(filter);
  }
}
