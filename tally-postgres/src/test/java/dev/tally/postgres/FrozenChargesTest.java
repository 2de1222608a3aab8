package dev.tally.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.domain.invoice.AppliedCredit;
import dev.tally.domain.invoice.AppliedDiscount;
import dev.tally.domain.invoice.InvoiceContent;
import dev.tally.domain.invoice.LineKind;
import dev.tally.domain.money.Money;
import dev.tally.domain.usage.MeterId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Charges frozen as JSON by earlier versions of Tally still read, with what they did not have. */
class FrozenChargesTest {
  /** A finalized invoice's content as frozen before discounts and credits existed. */
  private static final String BEFORE_DISCOUNTS_AND_CREDITS =
      """
      {"lines":[{"title":"Standard","kind":"SUBSCRIPTION","planId":{"value":"standard"},
        "meterId":null,"category":null,
        "span":{"start":"2026-03-01T00:00:00Z","end":"2026-04-01T00:00:00Z"},
        "quantity":1,"unitPrice":1000,"base":{"minor":1000},"proration":{"minor":0},
        "total":{"minor":1000},"groups":[]}],
       "breakdown":{"paas":{"cpu":{"minor":0},"memory":{"minor":0},"storage":{"minor":0},
          "gpu":{"minor":0}},"teams":[],
        "byoc":{"vcpu":{"minor":0},"memory":{"minor":0},"gpuMemory":{"minor":0},
          "cluster":{"minor":0}},"clusters":[]},
       "subtotal":{"minor":1000},"taxPercent":10,"tax":{"minor":100},"total":{"minor":1100}}
      """;

  @Test
  void chargesFrozenBeforeDiscountsAndCreditsReadWithNone() {
    InvoiceContent content = Json.read(BEFORE_DISCOUNTS_AND_CREDITS, InvoiceContent.class);

    assertThat(content.lines()).singleElement().extracting("kind").isEqualTo(LineKind.SUBSCRIPTION);
    assertThat(content.discounts()).isEmpty();
    assertThat(content.credits()).isEmpty();
    assertThat(content.discountTotal()).isEqualTo(Money.ZERO);
    assertThat(content.total()).isEqualTo(Money.ofMinor(1100));
    assertThat(content.taxable()).isEqualTo(Money.ofMinor(1000));
  }

  @Test
  void chargesWithDiscountsAndCreditsReadBackAsWritten() {
    InvoiceContent old = Json.read(BEFORE_DISCOUNTS_AND_CREDITS, InvoiceContent.class);
    InvoiceContent content =
        new InvoiceContent(
            old.lines(),
            old.breakdown(),
            old.subtotal(),
            old.taxPercent(),
            Money.ofMinor(70),
            Money.ofMinor(770),
            List.of(
                new AppliedDiscount("d1", "10% off", new MeterId("requests"), Money.ofMinor(100))),
            List.of(new AppliedCredit("g1", "Welcome credit", Money.ofMinor(200))));

    assertThat(Json.read(Json.write(content), InvoiceContent.class)).isEqualTo(content);
  }
}
