package dev.tally.server.payments;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a payment webhook, in the header {@code Tally-Signature: t=<unix seconds>,
 * v1=<hex>}: HMAC-SHA256 with the shared secret over {@code "<t>.<raw body>"}. A signature is
 * accepted within five minutes either side of the server's clock, compared in constant time.
 */
public final class WebhookSignature {
  public static final String HEADER = "Tally-Signature";
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private final byte[] secret;

  public WebhookSignature(String secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("the webhook secret must not be empty");
    }
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  /** The header value that signs {@code body} at {@code at}. */
  public String sign(byte[] body, Instant at) {
    long seconds = at.getEpochSecond();
    return "t=" + seconds + ",v1=" + HexFormat.of().formatHex(mac(seconds, body));
  }

  /** Whether {@code header} is a valid signature of {@code body} at {@code now}. */
  public boolean verify(String header, byte[] body, Instant now) {
    if (header == null) {
      return false;
    }
    Long timestamp = null;
    byte[] given = null;
    for (String part : header.split(",")) {
      String item = part.trim();
      try {
        if (item.startsWith("t=")) {
          timestamp = Long.parseLong(item.substring(2));
        } else if (item.startsWith("v1=")) {
          given = HexFormat.of().parseHex(item.substring(3));
        }
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    if (timestamp == null || given == null) {
      return false;
    }
    if (Math.abs(now.getEpochSecond() - timestamp) > TOLERANCE.toSeconds()) {
      return false;
    }
    return MessageDigest.isEqual(mac(timestamp, body), given);
  }

  private byte[] mac(long seconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update((seconds + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
