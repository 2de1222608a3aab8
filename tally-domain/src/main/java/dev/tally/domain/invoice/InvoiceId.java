package dev.tally.domain.invoice;

import java.util.Objects;

/** The id of an invoice. */
public record InvoiceId(String value) {
  public InvoiceId {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return value;
  }
}
