package dev.tally.server.payments;

import dev.tally.domain.billing.InvoiceLifecycle;
import dev.tally.domain.error.FieldErrors;
import dev.tally.domain.error.Unauthenticated;
import dev.tally.domain.invoice.InvoiceId;
import dev.tally.domain.invoice.PaymentStatus;
import dev.tally.server.http.JsonInput;
import dev.tally.server.http.WireJson;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /v1/webhooks/payments}: a payment provider (or the operator's bridge to one) reports
 * an invoice's payment status. The raw body must carry a valid {@link WebhookSignature}; anything
 * else is a 401 and changes nothing. Without a configured secret every call is a 401.
 */
public final class PaymentWebhook {
  private final InvoiceLifecycle lifecycle;
  private final WebhookSignature signature;
  private final Clock clock;

  public PaymentWebhook(InvoiceLifecycle lifecycle, String secret, Clock clock) {
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    this.signature = secret == null ? null : new WebhookSignature(secret);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public void handle(Context ctx) {
    byte[] body = ctx.bodyAsBytes();
    if (signature == null) {
      throw new Unauthenticated("payment webhooks are not configured on this server");
    }
    if (!signature.verify(ctx.header(WebhookSignature.HEADER), body, clock.instant())) {
      throw new Unauthenticated(
          "missing, malformed, expired or wrong " + WebhookSignature.HEADER + " header");
    }
    FieldErrors errors = new FieldErrors();
    JsonInput input = JsonInput.body(WireJson.parse(body), errors);
    String invoiceId = input.text("invoice_id", true);
    PaymentReport report = PaymentReport.read(input);
    errors.throwIfAny("the payment report is not valid");
    var header =
        lifecycle.recordPayment(
            new InvoiceId(invoiceId), report.provider(), report.status(), report.externalId());
    ctx.json(
        Map.of(
            "invoice_id",
            header.id().value(),
            "paid",
            header.isPaid(),
            "status",
            header.payment().status().name()));
  }

  /** The fields of a payment report, shared by the webhook and the admin API. */
  public record PaymentReport(String provider, PaymentStatus status, String externalId) {
    /** Reads {@code provider}, {@code status} and {@code external_id}, collecting errors. */
    public static PaymentReport read(JsonInput input) {
      String provider = input.text("provider", true);
      if (provider != null && provider.length() > 100) {
        input.errors().add("provider", "must be at most 100 characters");
      }
      PaymentStatus status =
          input.choice(
              "status",
              true,
              text -> {
                for (PaymentStatus value : PaymentStatus.values()) {
                  if (value.name().equals(text)) {
                    return Optional.of(value);
                  }
                }
                return Optional.empty();
              },
              Arrays.stream(PaymentStatus.values()).map(Enum::name).toList());
      String externalId = input.text("external_id", false);
      if (externalId != null && externalId.length() > 200) {
        input.errors().add("external_id", "must be at most 200 characters");
      }
      return new PaymentReport(provider, status, externalId);
    }
  }
}
