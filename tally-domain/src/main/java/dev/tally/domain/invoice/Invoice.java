package dev.tally.domain.invoice;

import java.util.Objects;

/** An invoice with its charges: computed live for a draft, as frozen for a final invoice. */
public record Invoice(InvoiceHeader header, InvoiceContent content) {
  public Invoice {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(content, "content");
  }

  public InvoiceId id() {
    return header.id();
  }

  public InvoiceStatus status() {
    return header.status();
  }
}
