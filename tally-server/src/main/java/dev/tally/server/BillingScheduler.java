package dev.tally.server;

import dev.tally.domain.billing.BillingRun;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a billing run at a fixed interval inside the server, so ended periods get finalized. */
final class BillingScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BillingScheduler.class);
  private final ScheduledExecutorService executor;

  BillingScheduler(BillingRun run, Duration interval) {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> Thread.ofPlatform().daemon().name("billing-scheduler").unstarted(task));
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            BillingRun.Result result = run.run();
            if (result.finalized() > 0) {
              LOG.info("billing run finalized {} invoices", result.finalized());
            }
            if (!result.failed().isEmpty()) {
              LOG.error("billing run could not finalize {}; they stay drafts", result.failed());
            }
          } catch (RuntimeException e) {
            LOG.error("billing run failed; the next one will retry", e);
          }
        },
        interval.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
