package dev.tally.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a Tally server runs. {@code databaseUrl} null means the embedded PostgreSQL in {@code
 * dataDirectory}; {@code operatorToken} null means a new operator token is made on first start;
 * {@code billingInterval} null turns the billing scheduler off.
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
    Duration billingInterval) {
  public TallyConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(backdatingWindow, "backdatingWindow");
  }

  /** The defaults: embedded database under {@code dataDirectory}, random free port on loopback. */
  public static TallyConfig embedded(Path dataDirectory) {
    return new TallyConfig(
        "127.0.0.1", 0, dataDirectory, null, null, null, null, Duration.ofDays(34), null);
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
        billingInterval);
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
        billingInterval);
  }
}
