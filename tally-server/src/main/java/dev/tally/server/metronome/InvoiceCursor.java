package dev.tally.server.metronome;

import dev.tally.domain.error.Validation;
import dev.tally.domain.invoice.InvoiceHeader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The {@code next_page} cursor of an invoice listing: the sort key of the last invoice served
 * (period start and id), so the next page starts strictly after it (keyset paging: no gaps or
 * repeats while new invoices appear). On the wire it is URL-safe base64 (A-Z a-z 0-9 - _) of a
 * version byte, the key, and a 12-byte SHA-256 tag over the key and the query it was issued for.
 * The tag rejects any text Tally did not issue for this customer and query; it is not a secret,
 * since a cursor grants nothing the caller could not list anyway.
 */
record InvoiceCursor(Instant periodStart, String invoiceId) {
  private static final byte VERSION = 1;
  private static final int TAG_BYTES = 12;
  private static final int MAX_TEXT = 400;
  private static final byte[] DOMAIN =
      "tally metronome invoice cursor".getBytes(StandardCharsets.UTF_8);

  InvoiceCursor {
    Objects.requireNonNull(periodStart, "periodStart");
    Objects.requireNonNull(invoiceId, "invoiceId");
  }

  /** The position of {@code invoice} in a listing. */
  static InvoiceCursor at(InvoiceHeader invoice) {
    return new InvoiceCursor(invoice.period().start(), invoice.id().value());
  }

  /**
   * The cursor's text for {@code query}, the canonical form of the listing's customer and query.
   */
  String encode(String query) {
    byte[] id = invoiceId.getBytes(StandardCharsets.UTF_8);
    ByteBuffer payload = ByteBuffer.allocate(1 + 8 + 4 + id.length);
    payload.put(VERSION).putLong(periodStart.getEpochSecond()).putInt(periodStart.getNano());
    payload.put(id);
    byte[] key = payload.array();
    byte[] text = Arrays.copyOf(key, key.length + TAG_BYTES);
    System.arraycopy(tag(key, query), 0, text, key.length, TAG_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text);
  }

  /** The position {@code text} names, or a 400 when Tally did not issue it for {@code query}. */
  static InvoiceCursor decode(String text, String query) {
    if (text.length() > MAX_TEXT) {
      throw invalid();
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    // the decoder ignores the unused bits of the last character: only Tally's own spelling counts
    if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text)) {
      throw invalid();
    }
    int keyLength = bytes.length - TAG_BYTES;
    if (keyLength < 1 + 8 + 4 + 1 || bytes[0] != VERSION) {
      throw invalid();
    }
    byte[] key = Arrays.copyOf(bytes, keyLength);
    byte[] given = Arrays.copyOfRange(bytes, keyLength, bytes.length);
    if (!MessageDigest.isEqual(tag(key, query), given)) {
      throw invalid();
    }
    ByteBuffer payload = ByteBuffer.wrap(key, 1, keyLength - 1);
    try {
      Instant periodStart = Instant.ofEpochSecond(payload.getLong(), payload.getInt());
      String id = StandardCharsets.UTF_8.decode(payload).toString();
      return new InvoiceCursor(periodStart, id);
    } catch (DateTimeException e) {
      throw invalid();
    }
  }

  private static Validation invalid() {
    return Validation.of(
        "next_page",
        "is not a cursor Tally issued for this customer and query; pass the next_page of the"
            + " previous page with the same query");
  }

  private static byte[] tag(byte[] key, String query) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(DOMAIN);
      sha.update((byte) 0);
      sha.update(query.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(key);
      return Arrays.copyOf(sha.digest(), TAG_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
