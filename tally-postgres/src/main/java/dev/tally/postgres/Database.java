package dev.tally.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/**
 * A connection pool to Tally's PostgreSQL database, migrated by Flyway when it is opened, and the
 * Jdbi the stores run their SQL through.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;

  private Database(HikariDataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
  }

  /** Opens a pool of {@code poolSize} connections to {@code jdbcUrl} and migrates the schema. */
  public static Database open(String jdbcUrl, String user, String password, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("tally");
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    HikariDataSource dataSource = new HikariDataSource(config);
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new Database(dataSource);
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /**
   * Runs {@code work} on one connection: every store call it makes on this thread reuses the handle
   * opened here (Jdbi's handle scope) instead of taking a connection from the pool and opening a
   * handle for each statement. Each statement still runs on its own (autocommit), and a store's
   * transaction is still a transaction of its own.
   */
  public <T> T onOneConnection(Callable<T> work) throws Exception {
    return jdbi.withHandle(handle -> work.call());
  }

  @Override
  public void close() {
    dataSource.close();
  }

  /** The SQLState of the exception's cause, such as 23505 for a unique violation. */
  static Optional<String> sqlState(StatementException e) {
    Throwable cause = e.getCause();
    while (cause != null) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        return Optional.of(sql.getSQLState());
      }
      cause = cause.getCause();
    }
    return Optional.empty();
  }

  /**
   * Runs {@code work}, again up to twice when PostgreSQL aborted it for a deadlock or a
   * serialization failure (40P01, 40001): the transaction was rolled back, so it is safe to repeat.
   */
  static <T> T retryingConflicts(java.util.function.Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (StatementException e) {
        boolean conflict =
            sqlState(e).filter(state -> state.equals("40P01") || state.equals("40001")).isPresent();
        if (!conflict || attempt == 3) {
          throw e;
        }
      }
    }
  }

  /** Runs {@code work}, turning a unique violation into the exception {@code conflict} makes. */
  static <T> T unique(
      java.util.function.Supplier<T> work,
      Function<StatementException, RuntimeException> conflict) {
    try {
      return work.get();
    } catch (StatementException e) {
      if (sqlState(e).filter("23505"::equals).isPresent()) {
        throw conflict.apply(e);
      }
      throw e;
    }
  }
}
