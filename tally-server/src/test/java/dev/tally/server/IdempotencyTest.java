package dev.tally.server;

import static dev.tally.server.TallyTestServer.MARCH;
import static dev.tally.server.TallyTestServer.NOW;
import static dev.tally.server.TallyTestServer.assertLine;
import static dev.tally.server.TallyTestServer.event;
import static dev.tally.server.TallyTestServer.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A transaction id is counted once per account: however often, and however concurrently, a batch is
 * sent again, the invoice counts each event once.
 */
class IdempotencyTest {
  /** The base seed of the random batches; repetition n uses SEED + n. */
  private static final long SEED = 20_260_310L;

  @RegisterExtension static final TallyTestServer server = new TallyTestServer();

  @Test
  void aBatchSentFiveTimesIsCountedOnce() {
    String account = server.customer("resent", MARCH);
    List<Map<String, Object>> batch = batch(account, 10, 20, 30, 40, 50);

    List<JsonNode> results = new ArrayList<>();
    for (int time = 0; time < 5; time++) {
      results.add(server.ingest(batch).expect(200).json());
    }

    assertThat(results.getFirst().path("accepted").asInt()).isEqualTo(5);
    assertThat(results.getFirst().path("duplicates").asInt()).isZero();
    for (JsonNode again : results.subList(1, 5)) {
      assertThat(again.path("accepted").asInt()).isZero();
      assertThat(again.path("duplicates").asInt()).isEqualTo(5);
    }
    assertLine(server.currentInvoice(account), Catalog.REQUESTS, "150", 15);
  }

  @Test
  void aTransactionIdRepeatedInOneBatchCountsItsFirstEventOnly() {
    String account = server.customer("repeated", MARCH);
    List<Map<String, Object>> batch =
        List.of(request(account, "a", 10), request(account, "b", 20), request(account, "a", 999));

    JsonNode result = server.ingest(batch).expect(200).json();

    assertThat(result.path("accepted").asInt()).isEqualTo(2);
    assertThat(result.path("duplicates").asInt()).isEqualTo(1);
    assertThat(quantity(account)).isEqualByComparingTo("30");
  }

  @Test
  void theSameTransactionIdCountsOnceForEachAccount() {
    String first = server.customer("first-of-two", MARCH);
    String second = server.customer("second-of-two", MARCH);

    JsonNode result =
        server
            .ingest(List.of(request(first, "shared", 7), request(second, "shared", 9)))
            .expect(200)
            .json();

    assertThat(result.path("accepted").asInt()).isEqualTo(2);
    assertThat(quantity(first)).isEqualByComparingTo("7");
    assertThat(quantity(second)).isEqualByComparingTo("9");
  }

  @Test
  void theSameBatchSentFromEightThreadsAtOnceIsCountedOnce() {
    String account = server.customer("racing", MARCH);
    int[] counts = new int[50];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = i + 1;
    }
    List<Map<String, Object>> batch = batch(account, counts);

    List<Reply> replies = Concurrently.run(8, thread -> server.ingest(batch));

    replies.forEach(reply -> reply.expect(200));
    assertThat(replies.stream().mapToInt(reply -> reply.json().path("accepted").asInt()).sum())
        .isEqualTo(50);
    assertThat(replies.stream().mapToInt(reply -> reply.json().path("duplicates").asInt()).sum())
        .isEqualTo(7 * 50);
    assertThat(quantity(account)).as("1 + 2 + ... + 50").isEqualByComparingTo("1275");
  }

  @Test
  void overlappingBatchesInDifferentOrdersFromEightThreadsAreCountedOnce() {
    String account = server.customer("shuffled", MARCH);
    int[] counts = new int[40];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = 1;
    }
    List<Map<String, Object>> events = batch(account, counts);

    List<Reply> replies =
        Concurrently.run(
            8,
            thread -> {
              List<Map<String, Object>> shuffled = new ArrayList<>(events);
              Collections.shuffle(shuffled, new Random(thread));
              return server.ingest(shuffled);
            });

    replies.forEach(reply -> reply.expect(200));
    assertThat(replies.stream().mapToInt(reply -> reply.json().path("accepted").asInt()).sum())
        .isEqualTo(40);
    assertThat(quantity(account)).isEqualByComparingTo("40");
  }

  /**
   * A property over random batches, each drawn from its own seed: up to 30 events on a few
   * transaction ids (so a batch repeats some of them) with random counts, sent 2 to 5 times.
   */
  @RepeatedTest(10)
  void sendingABatchAgainNeverChangesTheTotals(RepetitionInfo repetition) {
    long seed = SEED + repetition.getCurrentRepetition();
    Random random = new Random(seed);
    String account = server.customer("random-" + repetition.getCurrentRepetition(), MARCH);
    List<Map<String, Object>> batch = new ArrayList<>();
    Map<String, Integer> firstCounts = new LinkedHashMap<>();
    for (int i = random.nextInt(1, 31); i > 0; i--) {
      String transactionId = "t" + random.nextInt(8);
      int count = random.nextInt(100_001);
      batch.add(request(account, transactionId, count));
      firstCounts.putIfAbsent(transactionId, count);
    }
    String input = "seed " + seed + ", batch " + batch;
    BigDecimal expected =
        BigDecimal.valueOf(firstCounts.values().stream().mapToInt(Integer::intValue).sum());

    JsonNode first = server.ingest(batch).expect(200).json();
    assertThat(first.path("accepted").asInt()).as(input).isEqualTo(firstCounts.size());
    assertThat(quantity(account)).as(input).isEqualByComparingTo(expected);
    long total = server.currentInvoice(account).path("total").asLong();
    for (int again = random.nextInt(1, 5); again > 0; again--) {
      JsonNode resent = server.ingest(batch).expect(200).json();
      assertThat(resent.path("accepted").asInt()).as(input).isZero();
      assertThat(resent.path("duplicates").asInt()).as(input).isEqualTo(batch.size());
    }

    assertThat(quantity(account)).as(input).isEqualByComparingTo(expected);
    assertThat(server.currentInvoice(account).path("total").asLong()).as(input).isEqualTo(total);
  }

  private static List<Map<String, Object>> batch(String account, int... counts) {
    List<Map<String, Object>> batch = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      batch.add(request(account, "tx-" + i, counts[i]));
    }
    return batch;
  }

  private static Map<String, Object> request(String account, String transactionId, int count) {
    return event(
        transactionId, account, "api_request", NOW.minusSeconds(3600), Map.of("count", count));
  }

  private static BigDecimal quantity(String account) {
    return line(server.currentInvoice(account), Catalog.REQUESTS).path("quantity").decimalValue();
  }
}
