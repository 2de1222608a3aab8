package dev.tally.server.northflank;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A customer walks every page of a long invoice list by cursor while, on another thread, time runs
 * on month after month and new invoices are created and finalized: the walk never skips or repeats
 * an invoice that existed when it began, and stays newest first.
 */
class PaginationWhileInvoicesAreCreatedTest {
  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  private static BillingWorld world;
  private static Customer customer;

  @BeforeAll
  static void start() {
    world = BillingWorld.start(NOW);
    world.account("veteran", "Veteran Inc", "2023-01-15T00:00:00Z", 10);
    world.subscribe("veteran", "pro", null);
    customer = world.operator.as(world.token(Map.of("kind", "account", "account_id", "veteran")));
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  @Test
  void aCursorWalkNeverSkipsOrRepeatsAnInvoice() throws Exception {
    List<String> before = allIds();
    assertThat(before).hasSize(38);
    List<String> walked = new ArrayList<>();
    String path = "/v1/billing/invoices?per_page=2";
    JsonNode page = customer.get(path).expect(200).json();
    collect(page, walked);

    Semaphore roundDone = new Semaphore(0);
    AtomicBoolean walking = new AtomicBoolean(true);
    AtomicInteger created = new AtomicInteger();
    ExecutorService executor = Executors.newSingleThreadExecutor();
    Future<?> creator =
        executor.submit(
            () -> {
              while (walking.get()) {
                world.clock.advance(Duration.ofDays(31));
                world.operator.get("/admin/v1/accounts/veteran/invoices").expect(200);
                world.operator.post("/admin/v1/billing-runs", Map.of()).expect(200);
                created.incrementAndGet();
                roundDone.release();
              }
              return null;
            });

    while (page.path("pagination").has("cursor")) {
      // let at least one more month of invoices appear between two pages
      assertThat(roundDone.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
      page =
          customer
              .get(path + "&cursor=" + page.path("pagination").path("cursor").asText())
              .expect(200)
              .json();
      collect(page, walked);
    }
    walking.set(false);
    creator.get(60, TimeUnit.SECONDS);
    executor.shutdown();

    assertThat(created.get()).isGreaterThanOrEqualTo(18);
    assertThat(walked).doesNotHaveDuplicates();
    assertThat(walked).containsExactlyElementsOf(before);
    // every round moved the clock past at least one period start, so made at least one invoice
    List<String> after = allIds();
    assertThat(after.size()).isGreaterThanOrEqualTo(before.size() + created.get());
    assertThat(after).endsWith(before.toArray(String[]::new));
  }

  private static List<String> allIds() {
    List<String> ids = new ArrayList<>();
    collect(customer.get("/v1/billing/invoices?per_page=100").expect(200).json(), ids);
    return ids;
  }

  private static void collect(JsonNode page, List<String> ids) {
    page.path("data").path("invoices").forEach(invoice -> ids.add(invoice.path("id").asText()));
  }
}
