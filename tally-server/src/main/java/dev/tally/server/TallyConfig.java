package dev.tally.server;

import dev.tally.domain.usage.LateUsage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a Tally server runs. {@code databaseUrl} null means the embedded PostgreSQL in {@code
 * dataDirectory}; {@code operatorToken} null means a new operator token is made on first start;
 * {@code billingInterval} null turns the billing scheduler off; {@code gracePeriod} is how long
 * after a period's end its draft still takes late usage before it is finalized; {@code
 * webhookSecret} null turns the payment webhook off (it answers 401); {@code lateUsage} says
 * whether usage for a finalized period is refused or billed as a correction on the next invoice.
 */
public record TallyConfig(
    String host,
    int port,
    Path dataDirectory,
    String databaseUrl,
    String databaseUser,
    String databasePassword,
    String operatorToken,
    Duration backdatingWindow,
    Duration billingInterval,
    Duration gracePeriod,
    String webhookSecret,
    LateUsage lateUsage) {
  /** The grace period when none is configured. */
  public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofHours(24);

  public TallyConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(backdatingWindow, "backdatingWindow");
    Objects.requireNonNull(gracePeriod, "gracePeriod");
    Objects.requireNonNull(lateUsage, "lateUsage");
  }

  /** The defaults: embedded database under {@code dataDirectory}, random free port on loopback. */
  public static TallyConfig embedded(Path dataDirectory) {
    return new TallyConfig(
        "127.0.0.1",
        0,
        dataDirectory,
        null,
        null,
        null,
        null,
        Duration.ofDays(34),
        null,
        DEFAULT_GRACE_PERIOD,
        null,
        LateUsage.REJECT);
  }

  public TallyConfig withDatabase(String url, String user, String password) {
    return new TallyConfig(
        host,
        port,
        dataDirectory,
        url,
        user,
        password,
        operatorToken,
        backdatingWindow,
        billingInterval,
        gracePeriod,
        webhookSecret,
        lateUsage);
  }

  public TallyConfig withOperatorToken(String token) {
    return new TallyConfig(
        host,
        port,
        dataDirectory,
        databaseUrl,
        databaseUser,
        databasePassword,
        token,
        backdatingWindow,
        billingInterval,
        gracePeriod,
        webhookSecret,
        lateUsage);
  }

  public TallyConfig withGracePeriod(Duration grace) {
    return new TallyConfig(
        host,
        port,
        dataDirectory,
        databaseUrl,
        databaseUser,
        databasePassword,
        operatorToken,
        backdatingWindow,
        billingInterval,
        grace,
        webhookSecret,
        lateUsage);
  }

  public TallyConfig withWebhookSecret(String secret) {
    return new TallyConfig(
        host,
        port,
        dataDirectory,
        databaseUrl,
        databaseUser,
        databasePassword,
        operatorToken,
        backdatingWindow,
        billingInterval,
        gracePeriod,
        secret,
        lateUsage);
  }

  public TallyConfig withLateUsage(LateUsage late) {
    return new TallyConfig(
        host,
        port,
        dataDirectory,
        databaseUrl,
        databaseUser,
        databasePassword,
        operatorToken,
        backdatingWindow,
        billingInterval,
        gracePeriod,
        webhookSecret,
        late);
  }
}
