package dev.tally.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * The load generator, run in a JVM of its own ({@code Bench generate JOB RESULT}): a closed loop of
 * a fixed number of connections, each sending its next request when the last one has answered. Each
 * connection is a lean HTTP/1.1 keep-alive client ({@link HttpConnection}) sending requests built
 * once. Every answer must be a 200 with a JSON object body; a sample of them (and, with {@code
 * expect_pointer} and {@code expect_size}, the array there) is parsed and checked. Anything else
 * counts as an error. Latencies go into HdrHistograms (microseconds); only requests that finish
 * after the warm-up are measured. The generator's own CPU over the measured window is in the
 * result.
 */
final class Generator {
  private static final long MAX_MICROS = Duration.ofMinutes(10).toNanos() / 1000;
  private static final String[] ENDPOINTS = {"/search", "/orders", "/users", "/items", "/auth"};
  private static final String INGEST = "/v1/ingest";
  private static final String DETAILS = "/v1/billing/invoices/details";

  /** One answer in this many is parsed as JSON and checked in full. */
  private static final int CHECK_EVERY = 32;

  private static final long TEN_SECONDS = Duration.ofSeconds(10).toNanos();
  private static final byte[] JSON_OBJECT = "{".getBytes(StandardCharsets.US_ASCII);

  private final JsonNode job;
  private final URI baseUrl;
  private final long start;
  private final long warmupEnd;
  private final long end;
  private final LongAdder errors = new LongAdder();
  private final List<String> errorSamples =
      java.util.Collections.synchronizedList(new ArrayList<>());

  private Generator(JsonNode job) {
    this.job = job;
    this.baseUrl = URI.create(job.get("base_url").asText());
    this.start = System.nanoTime();
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
    double[] cpuAtWarmupEnd = {Double.NaN};
    Thread cpu =
        Thread.ofPlatform()
            .name("cpu")
            .start(
                () -> {
                  sleepUntil(warmupEnd);
                  cpuAtWarmupEnd[0] = ownCpuSeconds();
                });
    cpu.join();
    for (Thread thread : threads) {
      thread.join();
    }
    double cpuSeconds = ownCpuSeconds() - cpuAtWarmupEnd[0];
    double wallSeconds = (System.nanoTime() - warmupEnd) / 1e9;
    ObjectNode generator = result.putObject("generator");
    generator.put("cpu_seconds", Math.round(cpuSeconds * 100) / 100.0);
    generator.put("cores_used", Math.round(cpuSeconds / wallSeconds * 100) / 100.0);
    generator.put("from", "the end of the warm-up to the end of the last request");
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
    try (HttpConnection connection = new HttpConnection(baseUrl)) {
      if (ingest != null) {
        ingest.work(worker, connection, histograms);
        return;
      }
      List<Request> requests = new ArrayList<>();
      job.get("requests").forEach(request -> requests.add(new Request(request)));
      int next = worker;
      for (long sent = 0; System.nanoTime() < end; sent++) {
        Request request = requests.get(next++ % requests.size());
        long started = System.nanoTime();
        boolean ok = send(connection, request.bytes, request.path);
        long finished = System.nanoTime();
        if (!ok || !request.accepts(connection, sent % CHECK_EVERY == 0)) {
          continue;
        }
        if (finished >= warmupEnd && finished < end) {
          histograms
              .computeIfAbsent(request.label, l -> newHistogram())
              .recordValue(Math.min(MAX_MICROS, (finished - started) / 1000));
        }
      }
    }
  }

  /** A read request of the job, built once, and what its answers must look like. */
  private final class Request {
    final String label;
    final String path;
    final byte[] bytes;
    final String expectPointer;
    final int expectSize;

    Request(JsonNode spec) {
      label = spec.get("label").asText();
      path = spec.get("path").asText();
      bytes = HttpConnection.get(baseUrl, path, spec.get("token").asText());
      expectPointer = spec.path("expect_pointer").asText(null);
      expectSize = spec.path("expect_size").asInt(-1);
    }

    /**
     * Whether the answer just read is right: a JSON object, and when {@code full}, one that parses
     * and has the expected array; counts an error otherwise.
     */
    boolean accepts(HttpConnection connection, boolean full) {
      if (!connection.bodyStartsWith(JSON_OBJECT)) {
        error(path + " -> not a JSON object: " + connection.bodyText());
        return false;
      }
      if (!full) {
        return true;
      }
      try {
        JsonNode body = Api.JSON.readTree(connection.body());
        if (expectPointer != null && body.at(expectPointer).size() != expectSize) {
          error(path + " -> " + expectPointer + " does not hold " + expectSize + " items");
          return false;
        }
        return true;
      } catch (IOException e) {
        error(path + " -> unreadable JSON: " + connection.bodyText());
        return false;
      }
    }
  }

  /**
   * Sends {@code request} on {@code connection}; true for a 200 (its body is the connection's),
   * false (and an error counted) for anything else.
   */
  private boolean send(HttpConnection connection, byte[] request, String path) {
    try {
      int status = connection.send(request);
      if (status != 200) {
        error(path + " -> " + status + " " + connection.bodyText());
        return false;
      }
      return true;
    } catch (IOException e) {
      error(path + " -> " + e);
      return false;
    }
  }

  private static double ownCpuSeconds() {
    return ProcessStats.cpuSeconds(ProcessHandle.current().pid());
  }

  private static void sleepUntil(long nanoTime) {
    try {
      long left = nanoTime - System.nanoTime();
      if (left > 0) {
        Thread.sleep(Duration.ofNanos(left));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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

    /** Events acknowledged in each 10 s from the start, warm-up included: is the rate sustained? */
    private final AtomicLongArray tenSeconds =
        new AtomicLongArray((int) ((end - start) / TEN_SECONDS) + 2);

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

    void work(int worker, HttpConnection connection, Map<String, Histogram> histograms) {
      String token = job.get("token").asText();
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
        byte[] post =
            HttpConnection.post(
                baseUrl, INGEST, token, body.toString().getBytes(StandardCharsets.UTF_8));
        long started = System.nanoTime();
        boolean ok = send(connection, post, INGEST);
        long finished = System.nanoTime();
        if (!ok) {
          // Not acknowledged: the batch may or may not be stored, so the check cannot be exact.
          unknownBatches.increment();
          continue;
        }
        long acceptedNow;
        long duplicatesNow;
        try {
          JsonNode answer = Api.JSON.readTree(connection.body());
          acceptedNow = answer.get("accepted").asLong();
          duplicatesNow = answer.get("duplicates").asLong();
        } catch (IOException | RuntimeException e) {
          error("unreadable answer " + connection.bodyText());
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
        if (finished < end) {
          tenSeconds.addAndGet((int) ((finished - start) / TEN_SECONDS), fresh + repeats);
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
      ArrayNode rates = out.putArray("events_per_second_by_10_s_from_start");
      for (int i = 0; i * TEN_SECONDS < end - start; i++) {
        rates.add(tenSeconds.get(i) / 10);
      }
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
      try (HttpConnection connection = new HttpConnection(baseUrl)) {
        work(connection, histograms);
      }
    }

    private void work(HttpConnection connection, Map<String, Histogram> histograms) {
      byte[] details = HttpConnection.get(baseUrl, DETAILS, accountToken);
      for (long sequence = 0; System.nanoTime() < end; sequence++) {
        String body =
            "[{\"transaction_id\":\"probe-"
                + sequence
                + "\",\"customer_id\":\""
                + account
                + "\",\"event_type\":\"probe\",\"timestamp\":\""
                + Instant.now()
                + "\",\"properties\":{}}]";
        boolean ingested =
            send(
                connection,
                HttpConnection.post(
                    baseUrl,
                    INGEST,
                    job.get("token").asText(),
                    body.getBytes(StandardCharsets.UTF_8)),
                INGEST);
        long acknowledgedAt = System.nanoTime();
        if (!ingested) {
          continue;
        }
        long expected = acknowledged.incrementAndGet();
        boolean first = true;
        while (true) {
          boolean read = send(connection, details, DETAILS);
          long seenAt = System.nanoTime();
          if (read && subTotal(connection) >= expected) {
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

    private long subTotal(HttpConnection connection) {
      try {
        return Api.JSON.readTree(connection.body()).get("data").get("subTotal").asLong();
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }

    void report(ObjectNode out) {
      out.put("probes_measured", probes.sum());
      out.put("not_visible_on_first_read", missedFirstRead.sum());
    }
  }
}
