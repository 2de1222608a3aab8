package dev.tally.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * The load generator, run in a JVM of its own ({@code Bench generate JOB RESULT}): a closed loop of
 * a fixed number of connections, each sending its next request when the last one has answered.
 * Latencies go into HdrHistograms (microseconds); only requests that finish after the warm-up are
 * measured.
 */
final class Generator {
  private static final long MAX_MICROS = Duration.ofMinutes(10).toNanos() / 1000;
  private static final String[] ENDPOINTS = {"/search", "/orders", "/users", "/items", "/auth"};

  private final JsonNode job;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String baseUrl;
  private final long warmupEnd;
  private final long end;
  private final LongAdder errors = new LongAdder();
  private final List<String> errorSamples =
      java.util.Collections.synchronizedList(new ArrayList<>());

  private Generator(JsonNode job) {
    this.job = job;
    this.baseUrl = job.get("base_url").asText();
    long start = System.nanoTime();
    this.warmupEnd = start + Duration.ofSeconds(job.get("warmup_seconds").asLong()).toNanos();
    this.end = warmupEnd + Duration.ofSeconds(job.get("duration_seconds").asLong()).toNanos();
  }

  /** Runs the job in {@code jobFile} and writes its figures to {@code resultFile}. */
  static void run(Path jobFile, Path resultFile) throws IOException, InterruptedException {
    JsonNode job = Api.JSON.readTree(jobFile.toFile());
    ObjectNode result = new Generator(job).run();
    Files.writeString(
        resultFile, Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
  }

  private ObjectNode run() throws InterruptedException {
    ObjectNode result = Api.JSON.createObjectNode();
    result.put("window_seconds", Duration.ofNanos(end - warmupEnd).toMillis() / 1000.0);
    Map<String, Histogram> histograms = new TreeMap<>();
    List<Thread> threads = new ArrayList<>();
    List<Map<String, Histogram>> perThread =
        java.util.Collections.synchronizedList(new ArrayList<>());
    Ingest ingest = job.has("ingest") ? new Ingest(job.get("ingest")) : null;
    Probe probe = job.has("probe") ? new Probe(job.get("probe")) : null;
    int concurrency = job.get("concurrency").asInt();
    for (int worker = 0; worker < concurrency; worker++) {
      int index = worker;
      Map<String, Histogram> mine = new TreeMap<>();
      perThread.add(mine);
      threads.add(
          Thread.ofPlatform().name("load-" + worker).start(() -> work(index, ingest, mine)));
    }
    if (probe != null) {
      Map<String, Histogram> mine = new TreeMap<>();
      perThread.add(mine);
      threads.add(Thread.ofPlatform().name("probe").start(() -> probe.work(mine)));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    for (Map<String, Histogram> mine : perThread) {
      mine.forEach(
          (label, histogram) ->
              histograms.computeIfAbsent(label, l -> newHistogram()).add(histogram));
    }
    ObjectNode latencies = result.putObject("latency_ms");
    histograms.forEach((label, histogram) -> latencies.set(label, summary(histogram)));
    result.put("errors", errors.sum());
    result.set("error_samples", Api.JSON.valueToTree(errorSamples.stream().limit(5).toList()));
    if (ingest != null) {
      ingest.report(result.putObject("ingest"));
    }
    if (probe != null) {
      probe.report(result.putObject("probe"));
    }
    return result;
  }

  private void work(int worker, Ingest ingest, Map<String, Histogram> histograms) {
    if (ingest != null) {
      ingest.work(worker, histograms);
      return;
    }
    JsonNode requests = job.get("requests");
    int next = worker;
    while (System.nanoTime() < end) {
      JsonNode request = requests.get(next++ % requests.size());
      HttpRequest get =
          HttpRequest.newBuilder(URI.create(baseUrl + request.get("path").asText()))
              .timeout(Duration.ofMinutes(5))
              .header("Authorization", "Bearer " + request.get("token").asText())
              .GET()
              .build();
      long started = System.nanoTime();
      HttpResponse<String> response = send(get);
      long finished = System.nanoTime();
      if (response == null || response.statusCode() != 200) {
        continue;
      }
      if (finished >= warmupEnd && finished < end) {
        histograms
            .computeIfAbsent(request.get("label").asText(), l -> newHistogram())
            .recordValue(Math.min(MAX_MICROS, (finished - started) / 1000));
      }
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        error(request.uri().getPath() + " -> " + response.statusCode() + " " + response.body());
      }
      return response;
    } catch (IOException e) {
      error(request.uri().getPath() + " -> " + e);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private void error(String text) {
    errors.increment();
    if (errorSamples.size() < 5) {
      errorSamples.add(text.length() > 300 ? text.substring(0, 300) : text);
    }
  }

  private static Histogram newHistogram() {
    return new Histogram(MAX_MICROS, 3);
  }

  private static ObjectNode summary(Histogram histogram) {
    ObjectNode summary = Api.JSON.createObjectNode();
    summary.put("count", histogram.getTotalCount());
    summary.put("p50", histogram.getValueAtPercentile(50) / 1000.0);
    summary.put("p95", histogram.getValueAtPercentile(95) / 1000.0);
    summary.put("p99", histogram.getValueAtPercentile(99) / 1000.0);
    summary.put("max", histogram.getMaxValue() / 1000.0);
    summary.put("mean", Math.round(histogram.getMean()) / 1000.0);
    return summary;
  }

  /**
   * Sustained ingest: batches of events over many accounts, resources and meters, a share of them
   * repeating transaction ids that were already acknowledged. Every event is a pure function of
   * (worker, sequence number), so a repeat is an exact replay, and the generator knows exactly what
   * the server must have counted.
   */
  private final class Ingest {
    private final List<String> accounts = new ArrayList<>();
    private final int resourcesPerAccount;
    private final int batchSize;
    private final int duplicatesPerBatch;
    private final long timestampBase;
    private final LongAdder batches = new LongAdder();
    private final LongAdder eventsInWindow = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder duplicatesSent = new LongAdder();
    private final LongAdder freshAcknowledged = new LongAdder();
    private final LongAdder computeEvents = new LongAdder();
    private final LongAdder requestEvents = new LongAdder();
    private final LongAdder cpuSum = new LongAdder();
    private final LongAdder mismatchedBatches = new LongAdder();
    private final LongAdder unknownBatches = new LongAdder();

    Ingest(JsonNode spec) {
      spec.get("accounts").forEach(account -> accounts.add(account.asText()));
      resourcesPerAccount = spec.get("resources_per_account").asInt();
      batchSize = spec.get("batch_size").asInt();
      duplicatesPerBatch = (int) Math.round(batchSize * spec.get("duplicate_share").asDouble());
      timestampBase = spec.get("timestamp_base_millis").asLong();
    }

    void work(int worker, Map<String, Histogram> histograms) {
      int fresh = batchSize - duplicatesPerBatch;
      List<Integer> acknowledgedBatches = new ArrayList<>();
      SplittableRandom random = new SplittableRandom(worker);
      for (int batch = 0; System.nanoTime() < end; batch++) {
        StringBuilder body = new StringBuilder(batchSize * 200).append('[');
        long batchCompute = 0;
        long batchRequests = 0;
        long batchCpu = 0;
        for (int i = 0; i < fresh; i++) {
          long sequence = (long) batch * fresh + i;
          int kind = event(body, worker, sequence);
          if (kind > 0) {
            batchCompute++;
            batchCpu += kind;
          } else {
            batchRequests++;
          }
        }
        int repeats = acknowledgedBatches.isEmpty() ? 0 : duplicatesPerBatch;
        for (int i = 0; i < repeats; i++) {
          int earlier = acknowledgedBatches.get(random.nextInt(acknowledgedBatches.size()));
          event(body, worker, (long) earlier * fresh + random.nextInt(fresh));
        }
        body.setCharAt(body.length() - 1, ']');
        HttpRequest post =
            HttpRequest.newBuilder(URI.create(baseUrl + "/v1/ingest"))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + job.get("token").asText())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        long started = System.nanoTime();
        HttpResponse<String> response = send(post);
        long finished = System.nanoTime();
        if (response == null || response.statusCode() != 200) {
          // Not acknowledged: the batch may or may not be stored, so the check cannot be exact.
          unknownBatches.increment();
          continue;
        }
        long acceptedNow;
        long duplicatesNow;
        try {
          JsonNode answer = Api.JSON.readTree(response.body());
          acceptedNow = answer.get("accepted").asLong();
          duplicatesNow = answer.get("duplicates").asLong();
        } catch (IOException e) {
          error("unreadable answer " + response.body());
          unknownBatches.increment();
          continue;
        }
        acknowledgedBatches.add(batch);
        batches.increment();
        accepted.add(acceptedNow);
        duplicates.add(duplicatesNow);
        duplicatesSent.add(repeats);
        freshAcknowledged.add(fresh);
        computeEvents.add(batchCompute);
        requestEvents.add(batchRequests);
        cpuSum.add(batchCpu);
        if (acceptedNow != fresh || duplicatesNow != repeats) {
          mismatchedBatches.increment();
        }
        if (finished >= warmupEnd && finished < end) {
          eventsInWindow.add(fresh + repeats);
          histograms
              .computeIfAbsent("ingest_batch", l -> newHistogram())
              .recordValue(Math.min(MAX_MICROS, (finished - started) / 1000));
        }
      }
    }

    /**
     * Appends event (worker, sequence) and a comma; returns its vCPU hours for a compute event, 0
     * for an API request event.
     */
    private int event(StringBuilder body, int worker, long sequence) {
      long mix = new SplittableRandom(worker * 1_000_003L + sequence).nextLong() >>> 1;
      String account = accounts.get((int) (mix % accounts.size()));
      String timestamp = Instant.ofEpochMilli(timestampBase + sequence % 60_000).toString();
      body.append("{\"transaction_id\":\"w")
          .append(worker)
          .append('-')
          .append(sequence)
          .append("\",\"customer_id\":\"")
          .append(account)
          .append("\",\"timestamp\":\"")
          .append(timestamp)
          .append('"');
      if (mix % 5 == 0) {
        body.append(",\"event_type\":\"api_request\",\"properties\":{\"endpoint\":\"")
            .append(ENDPOINTS[(int) (sequence % ENDPOINTS.length)])
            .append("\",\"count\":1}},");
        return 0;
      }
      int vcpuHours = 1 + (int) (sequence % 4);
      body.append(",\"event_type\":\"compute\",\"properties\":{\"resource_id\":\"")
          .append(account)
          .append("-r")
          .append((mix / accounts.size()) % resourcesPerAccount)
          .append("\",\"vcpu_hours\":")
          .append(vcpuHours)
          .append(",\"gb_hours\":2}},");
      return vcpuHours;
    }

    void report(ObjectNode out) {
      out.put("batches_acknowledged", batches.sum());
      out.put("batches_unacknowledged", unknownBatches.sum());
      out.put("events_acknowledged_in_window", eventsInWindow.sum());
      out.put("fresh_events_acknowledged", freshAcknowledged.sum());
      out.put("duplicates_sent", duplicatesSent.sum());
      out.put("accepted_reported", accepted.sum());
      out.put("duplicates_reported", duplicates.sum());
      out.put("batches_with_unexpected_counts", mismatchedBatches.sum());
      out.put("compute_events", computeEvents.sum());
      out.put("api_request_events", requestEvents.sum());
      out.put("vcpu_hours_sum", cpuSum.sum());
    }
  }

  /**
   * Freshness: sends one event for a probe account whose draft grows by one cent per event, then
   * reads invoice details until the event shows; the gap is from the ingest answer to the answer of
   * the first read that shows it.
   */
  private final class Probe {
    private final String account;
    private final String accountToken;
    private final AtomicLong acknowledged = new AtomicLong();
    private final LongAdder probes = new LongAdder();
    private final LongAdder missedFirstRead = new LongAdder();

    Probe(JsonNode spec) {
      account = spec.get("account").asText();
      accountToken = spec.get("account_token").asText();
    }

    void work(Map<String, Histogram> histograms) {
      for (long sequence = 0; System.nanoTime() < end; sequence++) {
        String body =
            "[{\"transaction_id\":\"probe-"
                + sequence
                + "\",\"customer_id\":\""
                + account
                + "\",\"event_type\":\"probe\",\"timestamp\":\""
                + Instant.now()
                + "\",\"properties\":{}}]";
        HttpResponse<String> ingested =
            send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/v1/ingest"))
                    .timeout(Duration.ofMinutes(1))
                    .header("Authorization", "Bearer " + job.get("token").asText())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build());
        long acknowledgedAt = System.nanoTime();
        if (ingested == null || ingested.statusCode() != 200) {
          continue;
        }
        long expected = acknowledged.incrementAndGet();
        boolean first = true;
        while (true) {
          HttpResponse<String> details =
              send(
                  HttpRequest.newBuilder(URI.create(baseUrl + "/v1/billing/invoices/details"))
                      .timeout(Duration.ofMinutes(1))
                      .header("Authorization", "Bearer " + accountToken)
                      .GET()
                      .build());
          long seenAt = System.nanoTime();
          if (details != null && details.statusCode() == 200 && subTotal(details) >= expected) {
            if (seenAt >= warmupEnd && seenAt < end) {
              probes.increment();
              if (!first) {
                missedFirstRead.increment();
              }
              histograms
                  .computeIfAbsent("freshness_gap", l -> newHistogram())
                  .recordValue(Math.min(MAX_MICROS, (seenAt - acknowledgedAt) / 1000));
            }
            break;
          }
          first = false;
          if (System.nanoTime() > end + Duration.ofSeconds(30).toNanos()) {
            error("probe event " + sequence + " never became visible");
            break;
          }
        }
      }
    }

    private long subTotal(HttpResponse<String> details) {
      try {
        return Api.JSON.readTree(details.body()).get("data").get("subTotal").asLong();
      } catch (IOException e) {
        return -1;
      }
    }

    void report(ObjectNode out) {
      out.put("probes_measured", probes.sum());
      out.put("not_visible_on_first_read", missedFirstRead.sum());
    }
  }
}
