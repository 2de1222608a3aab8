package dev.tally.server.northflank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.domain.invoice.InvoiceId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class InvoiceCursorTest {
  private final InvoiceCursor cursor =
      new InvoiceCursor(1_764_547_200L, new InvoiceId("inv_0123456789abcdef0123456789abcdef"));

  @Test
  void decodesWhatItEncodes() {
    assertThat(InvoiceCursor.decode(cursor.encode())).contains(cursor);
  }

  @Test
  void usesOnlyCharactersThatNeedNoUrlEncoding() {
    assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
    for (long start = 0; start < 5_000_000_000L; start += 123_456_789L) {
      String text = new InvoiceCursor(start, new InvoiceId("inv_" + start + "~.?&=/+")).encode();
      assertThat(text).matches("[A-Za-z0-9_-]+");
      assertThat(InvoiceCursor.decode(text)).map(InvoiceCursor::periodStart).contains(start);
    }
  }

  @Test
  void refusesCursorsItDidNotMake() {
    assertThat(InvoiceCursor.decode("")).isEmpty();
    assertThat(InvoiceCursor.decode("abc")).isEmpty();
    assertThat(InvoiceCursor.decode("not a cursor")).isEmpty();
    assertThat(InvoiceCursor.decode("%00")).isEmpty();
    assertThat(InvoiceCursor.decode("A".repeat(10_000))).isEmpty();
    assertThat(InvoiceCursor.decode(encoded("v1.1764547200.inv_x"))).isEmpty();
    assertThat(InvoiceCursor.decode(encoded("v1.1764547200.inv_x.00000000"))).isEmpty();
    assertThat(InvoiceCursor.decode(encoded("v2.1764547200.inv_x.00000000"))).isEmpty();
    assertThat(InvoiceCursor.decode(encoded("v1.-5.inv_x.00000000"))).isEmpty();
  }

  @Test
  void refusesAnEditedCursor() {
    String decoded =
        new String(Base64.getUrlDecoder().decode(cursor.encode()), StandardCharsets.UTF_8);
    String later = decoded.replace("1764547200", "1764547201");
    assertThat(InvoiceCursor.decode(encoded(later))).isEmpty();
    String otherInvoice = decoded.replace("inv_0", "inv_1");
    assertThat(InvoiceCursor.decode(encoded(otherInvoice))).isEmpty();
    String text = cursor.encode();
    char last = text.charAt(text.length() - 2);
    String flipped =
        text.substring(0, text.length() - 2)
            + (last == 'A' ? 'B' : 'A')
            + text.substring(text.length() - 1);
    assertThat(InvoiceCursor.decode(flipped)).isEmpty();
  }

  private static String encoded(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
