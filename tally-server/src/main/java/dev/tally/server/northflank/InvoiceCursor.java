package dev.tally.server.northflank;

import dev.tally.domain.invoice.InvoiceHeader;
import dev.tally.domain.invoice.InvoiceId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The position after which the next page of an invoice list starts: the key (period start, id) of
 * the last invoice of the previous page. On the wire it is the base64url text (no padding) of
 * {@code v1.<period start in unix seconds>.<invoice id>.<checksum>}, so it holds only {@code A-Z
 * a-z 0-9 _ -}, which survives the Northflank clients sending query values unencoded. The checksum
 * (SHA-256 of the rest, cut to 8 hex digits) makes an edited or made-up cursor fail to decode; the
 * list also checks that the key names one of the account's invoices.
 */
record InvoiceCursor(long periodStart, InvoiceId invoiceId) {
  private static final String VERSION = "v1";
  private static final int MAX_LENGTH = 512;
  private static final Pattern ALPHABET = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern KEY = Pattern.compile("v1\\.(0|[1-9][0-9]{0,11})\\.(.+)");

  InvoiceCursor {
    Objects.requireNonNull(invoiceId, "invoiceId");
  }

  static InvoiceCursor after(InvoiceHeader header) {
    return new InvoiceCursor(header.period().start().getEpochSecond(), header.id());
  }

  /** Whether this cursor is the key of {@code header}. */
  boolean names(InvoiceHeader header) {
    return header.id().equals(invoiceId) && header.period().start().getEpochSecond() == periodStart;
  }

  String encode() {
    String key = VERSION + "." + periodStart + "." + invoiceId.value();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((key + "." + checksum(key)).getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor that {@code text} encodes, or empty when Tally did not make it. */
  static Optional<InvoiceCursor> decode(String text) {
    if (text == null || text.length() > MAX_LENGTH || !ALPHABET.matcher(text).matches()) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int dot = decoded.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String key = decoded.substring(0, dot);
    var match = KEY.matcher(key);
    if (!match.matches() || !checksum(key).equals(decoded.substring(dot + 1))) {
      return Optional.empty();
    }
    return Optional.of(
        new InvoiceCursor(Long.parseLong(match.group(1)), new InvoiceId(match.group(2))));
  }

  private static String checksum(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("tally invoice cursor " + key).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
