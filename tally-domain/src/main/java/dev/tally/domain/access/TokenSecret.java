package dev.tally.domain.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The text of an API token, {@code tly_<id>_<secret>}. Only the SHA-256 hash of the secret is
 * stored; the id finds the stored token and the hashes are compared in constant time.
 */
public record TokenSecret(String id, String secret) {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final Pattern FORMAT = Pattern.compile("tly_([0-9A-Za-z]{12})_([0-9A-Za-z]{32})");

  public static TokenSecret generate() {
    return new TokenSecret(random(12), random(32));
  }

  /** Reads a token's text, or empty when it is not in Tally's format. */
  public static Optional<TokenSecret> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    var matcher = FORMAT.matcher(text);
    return matcher.matches()
        ? Optional.of(new TokenSecret(matcher.group(1), matcher.group(2)))
        : Optional.empty();
  }

  public String text() {
    return "tly_" + id + "_" + secret;
  }

  public byte[] hash() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  public boolean matches(byte[] storedHash) {
    return MessageDigest.isEqual(hash(), storedHash);
  }

  @Override
  public String toString() {
    return "TokenSecret[id=" + id + ", secret=***]";
  }

  private static String random(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }
}
