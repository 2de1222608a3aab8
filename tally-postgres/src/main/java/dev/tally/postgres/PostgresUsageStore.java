package dev.tally.postgres;

import dev.tally.domain.account.AccountId;
import dev.tally.domain.error.FieldErrors;
import dev.tally.domain.error.Validation;
import dev.tally.domain.invoice.InvoiceStore.NewDraft;
import dev.tally.domain.time.BillingPeriod;
import dev.tally.domain.usage.Aggregation;
import dev.tally.domain.usage.Contribution;
import dev.tally.domain.usage.DimensionKey;
import dev.tally.domain.usage.IngestResult;
import dev.tally.domain.usage.LateUsage;
import dev.tally.domain.usage.Meter;
import dev.tally.domain.usage.MeterId;
import dev.tally.domain.usage.MeteredEvent;
import dev.tally.domain.usage.UsageEvent;
import dev.tally.domain.usage.UsageStore;
import dev.tally.domain.usage.UsageTotal;
import dev.tally.domain.usage.UsageWindow;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage in PostgreSQL, written by group commit: the batches of concurrent callers are queued and a
 * writer takes all that are waiting and stores them in one transaction, committed once, before each
 * caller gets its own answer. In that transaction the drafts of the batches' periods are created
 * and share-locked (so a billing run cannot finalize them underneath), the events are inserted with
 * {@code on conflict do nothing} on their key (a hash of account and transaction id, {@link
 * #eventKey}), and the usage of only the events that were new is written as pending rows ({@code
 * usage_pending}, one per shard of accounts), which a fold adds to the hourly buckets and period
 * totals every {@link #FOLD_INTERVAL_MILLIS}, many groups at a time; reads add what is still
 * pending in the same statement, so an answered batch is counted at once and exactly once. Every
 * statement takes the whole group as arrays. Within a group, the first occurrence of an (account,
 * transaction id) wins, in the order the batches were queued. A batch refused for a closed period
 * fails alone (the others are written again without it); if the group transaction fails otherwise,
 * each batch is written on its own. With {@link LateUsage#CORRECT}, events of finalized periods are
 * stored too and their periods recorded in {@code late_usage}.
 */
public final class PostgresUsageStore implements UsageStore, AutoCloseable {
  /**
   * How many group transactions may be in flight at once: two, so that one runs its statements
   * while the other waits for its commit to be flushed (one writer was slower in the bench, three
   * no faster; docs/performance.md).
   */
  static final int WRITERS = 2;

  /** The most batches one group transaction takes. */
  static final int MAX_GROUP = 64;

  /**
   * How often pending usage is folded into the buckets and period totals: the longer, the more
   * often one bucket row takes many groups' usage in one update (docs/performance.md).
   */
  static final long FOLD_INTERVAL_MILLIS = 1_000;

  /** The most pending rows (a group's usage of one shard each) one fold transaction takes. */
  static final int FOLD_LIMIT = 10_000;

  /**
   * How many folds take only this node's rows, whose sums it holds, before one also takes the
   * others' rows and reads them back from their text.
   */
  static final int SWEEP_EVERY = 10;

  private static final Logger LOG = LoggerFactory.getLogger(PostgresUsageStore.class);

  /** How long an idle writer waits for work before it ends (a new batch starts one again). */
  private static final long IDLE_SECONDS = 5;

  private final Jdbi jdbi;
  private final Clock clock;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger writers = new AtomicInteger();

  /**
   * Periods known to have an invoice row (of any status), for which creating a draft would be a
   * no-op. Remembered only after the transaction that saw them committed; a period whose row is
   * found gone is forgotten and its draft tried again (invoices are not deleted today).
   */
  private final Set<PeriodKey> invoicedPeriods = ConcurrentHashMap.newKeySet();

  /**
   * This node's committed pending rows not folded yet, by id, with the sums each holds, so that a
   * fold need not read them back.
   */
  private final Map<Long, List<Map.Entry<BucketKey, Bucket>>> ownPending =
      new ConcurrentHashMap<>();

  private final Thread folder;
  private volatile boolean closed;

  /** A store on {@code database}, folding pending usage in the background until closed. */
  public PostgresUsageStore(Database database, Clock clock) {
    this(database, clock, true);
  }

  /** A store that folds only when {@link #fold} or {@link #close} is called, for tests. */
  static PostgresUsageStore foldingOnRequest(Database database, Clock clock) {
    return new PostgresUsageStore(database, clock, false);
  }

  private PostgresUsageStore(Database database, Clock clock, boolean background) {
    this.jdbi = database.jdbi();
    this.clock = clock;
    this.folder = background ? lowPriority("tally-usage-folder").start(this::foldLoop) : null;
  }

  /**
   * A platform thread at Java's lowest priority, for the writers and the fold: the launcher maps it
   * to nice 10, so that reads get the cores first on a busy machine (docs/performance.md).
   */
  private static Thread.Builder.OfPlatform lowPriority(String name) {
    return Thread.ofPlatform().daemon().priority(Thread.MIN_PRIORITY).name(name);
  }

  /*
   * Periods are ordered by account, then start, by Java's string order: the order in which every
   * writer creates drafts, so that concurrent groups do not deadlock. Written out rather than as a
   * chained comparator, whose calls showed in the profile of ingest.
   */

  private record PeriodKey(String accountId, Instant start) implements Comparable<PeriodKey> {
    @Override
    public int compareTo(PeriodKey other) {
      int order = accountId.compareTo(other.accountId);
      return order != 0 ? order : start.compareTo(other.start);
    }

    // Written out (as for BucketKey): the generated ones showed in the profile of ingest.
    @Override
    public boolean equals(Object other) {
      return other instanceof PeriodKey key
          && accountId.equals(key.accountId)
          && start.equals(key.start);
    }

    @Override
    public int hashCode() {
      return 31 * accountId.hashCode() + start.hashCode();
    }
  }

  /**
   * Hours and period bounds as text, each formatted once: the rows of a group, and of the groups
   * that follow it, share a few of them.
   */
  private static final Memo<Instant, String> INSTANT_TEXTS = new Memo<>(10_000, Instant::toString);

  private static String text(Instant instant) {
    return INSTANT_TEXTS.get(instant);
  }

  /** The state and number of the invoice that decides whether a period still takes usage. */
  private record PeriodInvoice(String status, String number) {}

  /**
   * A bucket's key. Its {@code equals} and {@code hashCode} are written out: the record's generated
   * ones (method handles, not inlined) took ~5 % of the server's CPU under ingest, in the group
   * writer's and the fold's maps (docs/performance.md).
   */
  private record BucketKey(String accountId, String meterId, Instant hour, String dimKey) {
    @Override
    public boolean equals(Object other) {
      return other instanceof BucketKey key
          && accountId.equals(key.accountId)
          && meterId.equals(key.meterId)
          && hour.equals(key.hour)
          && dimKey.equals(key.dimKey);
    }

    @Override
    public int hashCode() {
      return ((accountId.hashCode() * 31 + meterId.hashCode()) * 31 + hour.hashCode()) * 31
          + dimKey.hashCode();
    }
  }

  private record PeriodBucketKey(
      String accountId, Instant periodStart, String meterId, String dimKey) {}

  /**
   * The sum, count and largest value of usage of one key: a group's new usage, a fold's, or the
   * totals a read adds up (with its period when written).
   */
  private static final class Bucket {
    BillingPeriod period;
    BigDecimal total = BigDecimal.ZERO;
    long count;
    BigDecimal max;

    /** Adds {@code count} events whose values sum to {@code total}, the largest {@code max}. */
    void add(BigDecimal total, long count, BigDecimal max) {
      this.total = this.total.add(total);
      this.count += count;
      this.max = this.max == null ? max : this.max.max(max);
    }
  }

  /** One caller's batch, waiting for the group transaction that writes it. */
  private static final class Pending {
    final List<MeteredEvent> events;
    final LateUsage lateUsage;
    final CompletableFuture<IngestResult> answer = new CompletableFuture<>();

    Pending(List<MeteredEvent> events, LateUsage lateUsage) {
      this.events = events;
      this.lateUsage = lateUsage;
    }
  }

  /** What a committed group transaction found: each batch's answer and the periods invoiced. */
  private record Written(
      Map<Pending, IngestResult> results,
      Set<PeriodKey> invoiced,
      Map<Long, List<Map.Entry<BucketKey, Bucket>>> pending) {}

  /** Batches of a group refused for closed periods; thrown to roll the group back. */
  private static final class Refused extends RuntimeException {
    final transient Map<Pending, Validation> refusals;

    Refused(Map<Pending, Validation> refusals) {
      super("batches refused for closed periods", null, false, false);
      this.refusals = refusals;
    }
  }

  @Override
  public IngestResult record(List<MeteredEvent> events, LateUsage lateUsage) {
    if (events.isEmpty()) {
      return new IngestResult(0, 0);
    }
    Pending pending = new Pending(List.copyOf(events), lateUsage);
    queue.add(pending);
    startWriterIfNeeded();
    try {
      return pending.answer.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /**
   * Starts a writer unless {@link #WRITERS} are running. A writer that ends re-checks the queue
   * after it stops counting itself, so a batch queued meanwhile always finds a writer.
   */
  private void startWriterIfNeeded() {
    while (true) {
      int running = writers.get();
      if (running >= WRITERS) {
        return;
      }
      if (writers.compareAndSet(running, running + 1)) {
        lowPriority("tally-usage-writer").start(this::writeLoop);
        return;
      }
    }
  }

  private void writeLoop() {
    while (true) {
      Pending first;
      try {
        first = queue.poll(IDLE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        writers.decrementAndGet();
        startWriterIfNeeded();
        return;
      }
      if (first == null) {
        writers.decrementAndGet();
        if (queue.isEmpty()) {
          return;
        }
        int running = writers.get();
        if (running >= WRITERS || !writers.compareAndSet(running, running + 1)) {
          return;
        }
        continue;
      }
      List<Pending> group = new ArrayList<>();
      group.add(first);
      queue.drainTo(group, MAX_GROUP - 1);
      try {
        writeGroup(group);
      } catch (RuntimeException | Error e) {
        group.forEach(pending -> pending.answer.completeExceptionally(e));
      }
    }
  }

  /**
   * Writes a group in one transaction and answers each batch once it is committed. Batches refused
   * for closed periods get their refusal and the rest are written again without them; on any other
   * failure each batch is written in its own transaction, so one batch cannot fail another.
   */
  private void writeGroup(List<Pending> group) {
    List<Pending> remaining = new ArrayList<>(group);
    while (!remaining.isEmpty()) {
      Instant now = clock.instant();
      List<Pending> writing = List.copyOf(remaining);
      try {
        Written written = Database.retryingConflicts(() -> recordGroup(writing, now));
        remember(written);
        writing.forEach(pending -> pending.answer.complete(written.results().get(pending)));
        return;
      } catch (Refused refused) {
        refused.refusals.forEach((pending, error) -> pending.answer.completeExceptionally(error));
        remaining.removeAll(refused.refusals.keySet());
      } catch (RuntimeException e) {
        if (writing.size() == 1) {
          writing.getFirst().answer.completeExceptionally(e);
          return;
        }
        writing.forEach(this::writeAlone);
        return;
      }
    }
  }

  private void writeAlone(Pending pending) {
    Instant now = clock.instant();
    try {
      Written written = Database.retryingConflicts(() -> recordGroup(List.of(pending), now));
      remember(written);
      pending.answer.complete(written.results().get(pending));
    } catch (Refused refused) {
      pending.answer.completeExceptionally(refused.refusals.get(pending));
    } catch (RuntimeException e) {
      pending.answer.completeExceptionally(e);
    }
  }

  /** Keeps what a committed group wrote: its periods that have an invoice, its pending rows. */
  private void remember(Written written) {
    if (invoicedPeriods.size() > 1_000_000) {
      invoicedPeriods.clear();
    }
    for (PeriodKey period : written.invoiced()) {
      if (!invoicedPeriods.contains(period)) {
        invoicedPeriods.add(period);
      }
    }
    ownPending.putAll(written.pending());
  }

  @Override
  public List<Instant> latePeriods(AccountId accountId) {
    return latePeriods(List.of(accountId)).getOrDefault(accountId, List.of());
  }

  @Override
  public Map<AccountId, List<Instant>> latePeriods(Collection<AccountId> accountIds) {
    List<String> values = accountIds.stream().map(AccountId::value).distinct().toList();
    Map<AccountId, List<Instant>> periods = new HashMap<>();
    if (values.isEmpty()) {
      return periods;
    }
    jdbi.useHandle(
        handle ->
            handle
                .createQuery(
                    "select account_id, period_start from late_usage"
                        + " where account_id = any(cast(:accounts as text[]))"
                        + " order by account_id, period_start")
                .bindArray("accounts", String.class, values)
                .map(
                    (rs, ctx) ->
                        Map.entry(
                            new AccountId(rs.getString("account_id")),
                            PostgresAccountStore.instant(rs, "period_start")))
                .forEach(
                    row ->
                        periods
                            .computeIfAbsent(row.getKey(), k -> new ArrayList<>())
                            .add(row.getValue())));
    return periods;
  }

  private Written recordGroup(List<Pending> group, Instant now) {
    return jdbi.inTransaction(
        handle -> {
          Set<PeriodKey> invoiced = checkDrafts(handle, group, now);
          List<MeteredEvent> events = new ArrayList<>();
          group.forEach(pending -> events.addAll(pending.events));
          UUID[] keys = new UUID[events.size()];
          for (int i = 0; i < keys.length; i++) {
            UsageEvent event = events.get(i).event();
            keys[i] = eventKey(event.accountId().value(), event.transactionId());
          }
          Set<UUID> inserted = insertEvents(handle, events, keys, now);
          Map<BucketKey, Bucket> buckets = new HashMap<>();
          Map<List<String>, String> distinct = new TreeMap<>(LIST_ORDER);
          Set<UUID> counted = new HashSet<>();
          Map<Pending, IngestResult> results = new IdentityHashMap<>();
          int next = 0;
          for (Pending pending : group) {
            int accepted = 0;
            for (MeteredEvent metered : pending.events) {
              UUID key = keys[next++];
              if (!inserted.contains(key) || !counted.add(key)) {
                continue;
              }
              accepted++;
              addContributions(metered, buckets, distinct);
            }
            results.put(pending, new IngestResult(accepted, pending.events.size() - accepted));
          }
          Map<Long, List<Map.Entry<BucketKey, Bucket>>> pending = insertPending(handle, buckets);
          insertDistinct(handle, distinct);
          return new Written(results, invoiced, pending);
        });
  }

  /** Adds a new event's contributions to the group's buckets and distinct values. */
  private static void addContributions(
      MeteredEvent metered, Map<BucketKey, Bucket> buckets, Map<List<String>, String> distinct) {
    String account = metered.event().accountId().value();
    for (Contribution contribution : metered.contributions()) {
      String dimKey = contribution.dimensionKey();
      add(
          buckets,
          new BucketKey(account, contribution.meterId().value(), contribution.hour(), dimKey),
          metered.period(),
          contribution.value(),
          1,
          contribution.value());
      if (contribution.distinctValue() != null) {
        distinct.put(
            List.of(
                account,
                contribution.meterId().value(),
                text(contribution.hour()),
                dimKey,
                contribution.distinctValue()),
            DIMS_JSON.get(dimKey));
      }
    }
  }

  private static final java.util.Comparator<List<String>> LIST_ORDER =
      (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
          int order = a.get(i).compareTo(b.get(i));
          if (order != 0) {
            return order;
          }
        }
        return Integer.compare(a.size(), b.size());
      };

  /**
   * Creates the group's drafts, share-locks them, and refuses the batches with events for periods
   * now closed (by throwing {@link Refused}, which rolls the group back); with {@link
   * LateUsage#CORRECT}, events for a finalized period are let through and the period is recorded as
   * late, in this transaction, so that the next invoice corrects it. Returns the periods that have
   * an invoice row. Drafts are only tried for periods not known to have one.
   */
  private Set<PeriodKey> checkDrafts(Handle handle, List<Pending> group, Instant now) {
    // Each event's period is looked up in a hash map; only the distinct periods are sorted.
    Map<PeriodKey, MeteredEvent> distinct = new HashMap<>();
    for (Pending pending : group) {
      for (MeteredEvent metered : pending.events) {
        distinct.putIfAbsent(
            new PeriodKey(metered.event().accountId().value(), metered.period().start()), metered);
      }
    }
    TreeMap<PeriodKey, MeteredEvent> periods = new TreeMap<>(distinct);
    Map<PeriodKey, MeteredEvent> untried = new TreeMap<>();
    periods.forEach(
        (key, metered) -> {
          if (!invoicedPeriods.contains(key)) {
            untried.put(key, metered);
          }
        });
    insertDrafts(handle, untried, now);
    Map<PeriodKey, PeriodInvoice> statuses = lockInvoices(handle, periods.keySet());
    // A remembered period whose invoice row is gone (should invoices ever be deleted) is tried
    // again, so that the cache can only save work, never refuse a batch.
    Map<PeriodKey, MeteredEvent> lost = new TreeMap<>();
    periods.forEach(
        (key, metered) -> {
          if (!statuses.containsKey(key) && !untried.containsKey(key)) {
            lost.put(key, metered);
          }
        });
    if (!lost.isEmpty()) {
      invoicedPeriods.removeAll(lost.keySet());
      insertDrafts(handle, lost, now);
      statuses.putAll(lockInvoices(handle, lost.keySet()));
    }
    Map<Pending, Validation> refusals = new IdentityHashMap<>();
    List<String> lateAccounts = new ArrayList<>();
    List<String> lateStarts = new ArrayList<>();
    for (Pending pending : group) {
      FieldErrors errors = new FieldErrors();
      for (MeteredEvent metered : pending.events) {
        PeriodKey period =
            new PeriodKey(metered.event().accountId().value(), metered.period().start());
        PeriodInvoice invoice = statuses.get(period);
        String status = invoice == null ? null : invoice.status();
        if (pending.lateUsage == LateUsage.CORRECT && "FINALIZED".equals(status)) {
          lateAccounts.add(period.accountId());
          lateStarts.add(text(period.start()));
        } else if (!"DRAFT".equals(status)) {
          errors.add(
              "[" + metered.index() + "].timestamp",
              "falls in the billing period starting "
                  + metered.period().start()
                  + ", whose invoice "
                  + (invoice == null || invoice.number() == null ? "" : invoice.number() + " ")
                  + "is already "
                  + status);
        }
      }
      try {
        errors.throwIfAny("the batch was rejected; nothing was stored");
      } catch (Validation refusal) {
        refusals.put(pending, refusal);
      }
    }
    if (!refusals.isEmpty()) {
      throw new Refused(refusals);
    }
    if (!lateAccounts.isEmpty()) {
      handle
          .createUpdate(
              "insert into late_usage (account_id, period_start, first_at)"
                  + " select distinct a, s, cast(:now as timestamptz)"
                  + " from unnest(cast(:accounts as text[]), cast(:starts as timestamptz[]))"
                  + " as x(a, s) order by a, s on conflict do nothing")
          .bind("now", now)
          .bind("accounts", texts(lateAccounts))
          .bind("starts", texts(lateStarts))
          .execute();
    }
    return statuses.keySet();
  }

  /** Creates a draft for each of these periods that has no invoice row, in key order. */
  private static void insertDrafts(
      Handle handle, Map<PeriodKey, MeteredEvent> periods, Instant now) {
    List<NewDraft> drafts = new ArrayList<>();
    periods.forEach(
        (key, metered) ->
            drafts.add(
                new NewDraft(metered.event().accountId(), metered.currency(), metered.period())));
    PostgresInvoiceStore.insertDrafts(handle, drafts, now);
  }

  /**
   * Share-locks the invoices of these periods, in key order, so that no billing run can finalize
   * them before this transaction ends, and returns the one that decides each period's state.
   */
  private static Map<PeriodKey, PeriodInvoice> lockInvoices(
      Handle handle, Collection<PeriodKey> periods) {
    List<String> accounts = new ArrayList<>();
    List<String> starts = new ArrayList<>();
    periods.forEach(
        key -> {
          accounts.add(key.accountId());
          starts.add(text(key.start()));
        });
    Map<PeriodKey, PeriodInvoice> statuses = new HashMap<>();
    handle
        .createQuery(
            "select i.account_id, i.period_start, i.status, i.number from invoice i"
                + " join unnest(cast(:accounts as text[]), cast(:starts as timestamptz[]))"
                + " as k(account_id, period_start)"
                + " on i.account_id = k.account_id and i.period_start = k.period_start"
                + " order by i.account_id, i.period_start for share of i")
        .bind("accounts", texts(accounts))
        .bind("starts", texts(starts))
        .map(
            (rs, ctx) ->
                Map.entry(
                    new PeriodKey(
                        rs.getString("account_id"),
                        PostgresAccountStore.instant(rs, "period_start")),
                    new PeriodInvoice(rs.getString("status"), rs.getString("number"))))
        // A period may also have void invoices; the one that is not void decides.
        .forEach(
            entry ->
                statuses.merge(
                    entry.getKey(),
                    entry.getValue(),
                    (first, second) -> "VOID".equals(first.status()) ? second : first));
    return statuses;
  }

  /**
   * The key an event is stored under ({@code usage_event.event_key}, V12): the first 128 bits of
   * SHA-256 over the account id's UTF-8, a zero byte and the transaction id's UTF-8, as the
   * migration computes it in SQL for the events stored before it.
   */
  static UUID eventKey(String accountId, String transactionId) {
    MessageDigest sha256 = SHA_256.get();
    sha256.update(accountId.getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) 0);
    byte[] digest = sha256.digest(transactionId.getBytes(StandardCharsets.UTF_8));
    ByteBuffer bytes = ByteBuffer.wrap(digest);
    return new UUID(bytes.getLong(0), bytes.getLong(8));
  }

  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every Java platform has SHA-256", e);
            }
          });

  /**
   * An instant in microseconds since the epoch, to the nearest (PostgreSQL keeps microseconds):
   * sent as a number, the timestamps of a group cost neither Java their text nor PostgreSQL its
   * parse.
   */
  static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000 + (instant.getNano() + 500) / 1_000;
  }

  /** PostgreSQL's order of uuids: their 16 bytes compared unsigned, one after the other. */
  private static final Comparator<UUID> UUID_ORDER =
      (a, b) -> {
        int order = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return order != 0
            ? order
            : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
      };

  /**
   * Inserts the events, whose keys ({@link #eventKey}) are {@code keys} in the same order, and
   * returns the keys of those that were new.
   */
  private static Set<UUID> insertEvents(
      Handle handle, List<MeteredEvent> events, UUID[] keys, Instant now) {
    // In key order, so that concurrent groups take the unique index's locks in the same order and
    // a group's inserts walk the index in one direction; the first of equal keys is kept.
    Map<UUID, MeteredEvent> first = new HashMap<>();
    for (int i = 0; i < keys.length; i++) {
      first.putIfAbsent(keys[i], events.get(i));
    }
    List<Map.Entry<UUID, MeteredEvent>> unique = new ArrayList<>(first.entrySet());
    unique.sort(Map.Entry.comparingByKey(UUID_ORDER));
    int size = unique.size();
    String[] uniqueKeys = new String[size];
    String[] accounts = new String[size];
    String[] transactions = new String[size];
    String[] types = new String[size];
    Long[] timestamps = new Long[size];
    String[] properties = new String[size];
    int row = 0;
    for (Map.Entry<UUID, MeteredEvent> entry : unique) {
      UsageEvent event = entry.getValue().event();
      uniqueKeys[row] = entry.getKey().toString();
      accounts[row] = event.accountId().value();
      transactions[row] = event.transactionId();
      types[row] = event.eventType();
      timestamps[row] = micros(event.timestamp());
      properties[row] = Json.write(event.properties());
      row++;
    }
    Set<UUID> inserted = new HashSet<>();
    handle
        .createQuery(
            "insert into usage_event (event_key, account_id, transaction_id, event_type, ts,"
                + " properties, received_at) select cast(k as uuid), a, t, e,"
                + " timestamptz 'epoch' + ts * interval '1 microsecond', p, :now from"
                + " unnest(cast(:keys as text[]), cast(:accounts as text[]),"
                + " cast(:transactions as text[]), cast(:types as text[]),"
                + " cast(:timestamps as bigint[]), cast(:properties as json[]))"
                + " as x(k, a, t, e, ts, p) on conflict do nothing returning event_key")
        .bind("now", now)
        .bind("keys", array(uniqueKeys))
        .bind("accounts", array(accounts))
        .bind("transactions", array(transactions))
        .bind("types", array(types))
        .bind("timestamps", array(timestamps))
        .bind("properties", array(properties))
        .map((rs, ctx) -> rs.getObject("event_key", UUID.class))
        .forEach(inserted::add);
    return inserted;
  }

  /**
   * Writes the group's new usage as pending rows, one per shard of accounts ({@link
   * PendingUsage#shard}), for the fold to add to the buckets and period totals, and returns each
   * row's sums by its id. Rows are only appended: concurrent groups never wait on each other's rows
   * here.
   */
  private static Map<Long, List<Map.Entry<BucketKey, Bucket>>> insertPending(
      Handle handle, Map<BucketKey, Bucket> buckets) {
    if (buckets.isEmpty()) {
      return Map.of();
    }
    // A block per account and period (its text, and the sums it holds), then a row per shard.
    Map<PeriodKey, StringBuilder> blocks = new HashMap<>();
    Map<PeriodKey, List<Map.Entry<BucketKey, Bucket>>> blockSums = new HashMap<>();
    buckets.forEach(
        (key, bucket) -> {
          PeriodKey period = new PeriodKey(key.accountId(), bucket.period.start());
          StringBuilder block = blocks.get(period);
          if (block == null) {
            block = new StringBuilder(128);
            blocks.put(period, block);
            blockSums.put(period, new ArrayList<>());
            PendingUsage.appendBlock(block, key.accountId(), bucket.period);
          }
          PendingUsage.appendLine(
              block,
              key.meterId(),
              key.hour(),
              key.dimKey(),
              bucket.total,
              bucket.count,
              bucket.max);
          blockSums.get(period).add(Map.entry(key, bucket));
        });
    Map<Integer, StringBuilder> shardTexts = new HashMap<>();
    Map<Integer, List<Map.Entry<BucketKey, Bucket>>> shardSums = new HashMap<>();
    blocks.forEach(
        (period, block) -> {
          int shard = PendingUsage.shard(period.accountId());
          shardTexts.computeIfAbsent(shard, k -> new StringBuilder(2048)).append(block);
          shardSums.computeIfAbsent(shard, k -> new ArrayList<>()).addAll(blockSums.get(period));
        });
    List<Integer> shards = new ArrayList<>(shardTexts.keySet());
    Map<Long, List<Map.Entry<BucketKey, Bucket>>> rows = new HashMap<>();
    handle
        .createQuery(
            "insert into usage_pending (shard, contributions)"
                + " select * from unnest(cast(:shards as integer[]), cast(:texts as text[]))"
                + " returning id, shard")
        .bind("shards", array(shards.toArray(Integer[]::new)))
        .bind(
            "texts", texts(shards.stream().map(shard -> shardTexts.get(shard).toString()).toList()))
        .map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getInt("shard")))
        .forEach(row -> rows.put(row.getKey(), shardSums.get(row.getValue())));
    return rows;
  }

  /** The dimension values of a key as the JSON a bucket keeps, written once per key. */
  private static final Memo<String, String> DIMS_JSON =
      new Memo<>(100_000, key -> Json.write(DimensionKey.parse(key)));

  /**
   * Folds every pending row into the hourly buckets and period totals, in transactions of up to
   * {@link #FOLD_LIMIT} rows each of this node's and of others: each deletes the rows it takes
   * (skipping those another fold holds) and adds their sums, so that a read, which adds the pending
   * rows to the totals in one statement, sees each contribution exactly once before, during and
   * after. Returns the number of rows folded.
   */
  public int fold() {
    return fold(true);
  }

  /**
   * Folds this node's pending rows, whose sums it still holds, and with {@code sweep} also the
   * others' (another node's, or left by a stop before they were folded), read back from their text.
   */
  private int fold(boolean sweep) {
    int folded = 0;
    while (true) {
      Map<Long, List<Map.Entry<BucketKey, Bucket>>> mine = takeOwnPending();
      Folded taken;
      try {
        taken = Database.retryingConflicts(() -> foldOnce(mine, sweep));
      } catch (RuntimeException | Error e) {
        ownPending.putAll(mine);
        throw e;
      }
      folded += taken.own() + taken.others();
      if (taken.own() < FOLD_LIMIT && taken.others() < FOLD_LIMIT) {
        if (folded > 0) {
          vacuumPending();
        }
        return folded;
      }
    }
  }

  /**
   * Vacuums the pending rows' table after a fold: its rows are all deleted within seconds of being
   * written, and reads scan an account's shard, which would otherwise go through the dead rows
   * until autovacuum came by (once a minute at most). Skipped while another fold vacuums it.
   */
  private void vacuumPending() {
    jdbi.useHandle(handle -> handle.execute("vacuum (skip_locked) usage_pending"));
  }

  /** Up to {@link #FOLD_LIMIT} of this node's pending rows, taken out of {@link #ownPending}. */
  private Map<Long, List<Map.Entry<BucketKey, Bucket>>> takeOwnPending() {
    Map<Long, List<Map.Entry<BucketKey, Bucket>>> mine = new HashMap<>();
    var entries = ownPending.entrySet().iterator();
    while (entries.hasNext() && mine.size() < FOLD_LIMIT) {
      var entry = entries.next();
      mine.put(entry.getKey(), entry.getValue());
      entries.remove();
    }
    return mine;
  }

  /** How many rows a fold transaction took: this node's, and the others'. */
  private record Folded(int own, int others) {}

  /**
   * One fold transaction: deletes this node's rows {@code mine} (those another fold took are not
   * returned, and their sums are dropped here), with {@code sweep} up to {@link #FOLD_LIMIT} of the
   * other rows too, and adds what was deleted to the buckets and period totals.
   */
  private Folded foldOnce(Map<Long, List<Map.Entry<BucketKey, Bucket>>> mine, boolean sweep) {
    return jdbi.inTransaction(
        handle -> {
          Map<BucketKey, Bucket> sums = new HashMap<>();
          int own = 0;
          int others = 0;
          if (!mine.isEmpty()) {
            List<Long> deleted =
                handle
                    .createQuery(
                        "delete from usage_pending where id = any(cast(:ids as bigint[]))"
                            + " returning id")
                    .bind("ids", array(mine.keySet().toArray(Long[]::new)))
                    .mapTo(Long.class)
                    .list();
            for (Long id : deleted) {
              for (Map.Entry<BucketKey, Bucket> entry : mine.get(id)) {
                Bucket bucket = entry.getValue();
                add(sums, entry.getKey(), bucket.period, bucket.total, bucket.count, bucket.max);
              }
            }
            own = deleted.size();
          }
          if (sweep) {
            // Rows this transaction deleted above are no longer visible to it.
            List<String> rows =
                handle
                    .createQuery(
                        "delete from usage_pending where ctid = any(array(select ctid from"
                            + " usage_pending limit :limit for update skip locked))"
                            + " returning contributions")
                    .bind("limit", FOLD_LIMIT)
                    .mapTo(String.class)
                    .list();
            for (String row : rows) {
              PendingUsage.read(
                  row,
                  null,
                  (account, period, meterId, hour, dimKey, total, count, max) ->
                      add(
                          sums,
                          new BucketKey(account, meterId, hour, dimKey),
                          period,
                          total,
                          count,
                          max));
            }
            others = rows.size();
          }
          if (!sums.isEmpty()) {
            upsertTotals(handle, sums);
            handle.execute("update usage_fold set epoch = epoch + 1");
          }
          return new Folded(own, others);
        });
  }

  /** Adds usage of {@code period} to the sums of {@code key} (a group's, or a fold's). */
  private static void add(
      Map<BucketKey, Bucket> sums,
      BucketKey key,
      BillingPeriod period,
      BigDecimal total,
      long count,
      BigDecimal max) {
    Bucket bucket = sums.computeIfAbsent(key, k -> new Bucket());
    bucket.period = period;
    bucket.add(total, count, max);
  }

  /** Folds now and then, until closed, sweeping others' rows every {@link #SWEEP_EVERY} folds. */
  private void foldLoop() {
    for (long round = 0; !closed; round++) {
      try {
        Thread.sleep(FOLD_INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      try {
        fold(round % SWEEP_EVERY == 0);
      } catch (RuntimeException e) {
        if (!closed) {
          LOG.warn("folding pending usage failed; it is tried again", e);
        }
      }
    }
  }

  /** Stops folding in the background and folds what is pending. */
  @Override
  public void close() {
    closed = true;
    if (folder != null) {
      folder.interrupt();
      try {
        folder.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    fold();
  }

  /**
   * Adds the buckets' new usage to the hourly buckets ({@code usage_bucket}) and to the running
   * totals of their billing periods ({@code usage_period}) with one statement. The period rows name
   * a bucket row of their account, meter and dimension key by its position instead of repeating
   * them, so those columns and the dimension values' JSON are sent and parsed once. Both tables
   * take their rows in key order, sorted by PostgreSQL, so that concurrent folds (of several nodes)
   * do not deadlock (PostgreSQL runs the part that adds to the period totals first, then the
   * buckets; every fold runs this statement).
   */
  private static void upsertTotals(Handle handle, Map<BucketKey, Bucket> buckets) {
    if (buckets.isEmpty()) {
      return;
    }
    int size = buckets.size();
    String[] accounts = new String[size];
    String[] meters = new String[size];
    String[] hours = new String[size];
    String[] keys = new String[size];
    String[] dims = new String[size];
    String[] totals = new String[size];
    String[] counts = new String[size];
    String[] maxima = new String[size];
    Map<PeriodBucketKey, Bucket> periods = new HashMap<>();
    Map<PeriodBucketKey, Integer> sources = new HashMap<>();
    int row = 0;
    for (Map.Entry<BucketKey, Bucket> entry : buckets.entrySet()) {
      BucketKey key = entry.getKey();
      Bucket bucket = entry.getValue();
      accounts[row] = key.accountId();
      meters[row] = key.meterId();
      hours[row] = text(key.hour());
      keys[row] = key.dimKey();
      dims[row] = DIMS_JSON.get(key.dimKey());
      totals[row] = bucket.total.toPlainString();
      counts[row] = Long.toString(bucket.count);
      maxima[row] = bucket.max.toPlainString();
      PeriodBucketKey periodKey =
          new PeriodBucketKey(key.accountId(), bucket.period.start(), key.meterId(), key.dimKey());
      Bucket period = periods.computeIfAbsent(periodKey, k -> new Bucket());
      period.period = bucket.period;
      period.add(bucket.total, bucket.count, bucket.max);
      // Positions are 1-based, as PostgreSQL's "with ordinality" counts them.
      sources.putIfAbsent(periodKey, row + 1);
      row++;
    }
    int periodCount = periods.size();
    Integer[] periodSources = new Integer[periodCount];
    String[] starts = new String[periodCount];
    String[] ends = new String[periodCount];
    String[] periodTotals = new String[periodCount];
    String[] periodCounts = new String[periodCount];
    String[] periodMaxima = new String[periodCount];
    row = 0;
    for (Map.Entry<PeriodBucketKey, Bucket> entry : periods.entrySet()) {
      Bucket period = entry.getValue();
      periodSources[row] = sources.get(entry.getKey());
      starts[row] = text(period.period.start());
      ends[row] = text(period.period.end());
      periodTotals[row] = period.total.toPlainString();
      periodCounts[row] = Long.toString(period.count);
      periodMaxima[row] = period.max.toPlainString();
      row++;
    }
    handle
        .createUpdate(UPSERT_TOTALS)
        .bind("accounts", array(accounts))
        .bind("meters", array(meters))
        .bind("hours", array(hours))
        .bind("keys", array(keys))
        .bind("dims", array(dims))
        .bind("totals", array(totals))
        .bind("counts", array(counts))
        .bind("maxima", array(maxima))
        .bind("sources", array(periodSources))
        .bind("starts", array(starts))
        .bind("ends", array(ends))
        .bind("periodTotals", array(periodTotals))
        .bind("periodCounts", array(periodCounts))
        .bind("periodMaxima", array(periodMaxima))
        .execute();
  }

  /** What adding to a running total sets, for a table aliased {@code t}. */
  private static final String ADD_TO_TOTAL =
      " do update set total = t.total + excluded.total,"
          + " event_count = t.event_count + excluded.event_count,"
          + " max_value = greatest(t.max_value, excluded.max_value)";

  private static final String UPSERT_TOTALS =
      "with b as materialized (select * from unnest(cast(:accounts as text[]),"
          + " cast(:meters as text[]), cast(:hours as timestamptz[]), cast(:keys as text[]),"
          + " cast(:dims as jsonb[]), cast(:totals as numeric[]), cast(:counts as bigint[]),"
          + " cast(:maxima as numeric[])) with ordinality"
          + " as b(account_id, meter_id, hour, dim_key, dims, total, event_count, max_value, i)),"
          + " buckets as (insert into usage_bucket as t (account_id, meter_id, hour, dim_key, dims,"
          + " total, event_count, max_value) select account_id, meter_id, hour, dim_key, dims,"
          + " total, event_count, max_value from b order by account_id, meter_id, hour, dim_key"
          + " on conflict (account_id, meter_id, hour, dim_key)"
          + ADD_TO_TOTAL
          + ") insert into usage_period as t (account_id, period_start, meter_id, dim_key,"
          + " period_end, dims, total, event_count, max_value) select b.account_id, p.s,"
          + " b.meter_id, b.dim_key, p.e, b.dims, p.total, p.n, p.m from unnest(cast(:sources as"
          + " integer[]), cast(:starts as timestamptz[]), cast(:ends as timestamptz[]),"
          + " cast(:periodTotals as numeric[]), cast(:periodCounts as bigint[]),"
          + " cast(:periodMaxima as numeric[])) with ordinality as p(source, s, e, total, n, m, j)"
          + " join b on b.i = p.source order by b.account_id, p.s, b.meter_id, b.dim_key"
          + " on conflict (account_id, period_start, meter_id, dim_key)"
          + ADD_TO_TOTAL;

  /** An array parameter sent in binary: no quoting here, and no array literal to parse there. */
  private static Argument array(Object[] values) {
    return (position, statement, ctx) -> statement.setObject(position, values);
  }

  /** A text array parameter, sent in binary as {@link #array} says. */
  private static Argument texts(List<String> values) {
    return array(values.toArray(String[]::new));
  }

  private static void insertDistinct(Handle handle, Map<List<String>, String> distinct) {
    if (distinct.isEmpty()) {
      return;
    }
    List<List<String>> columns =
        List.of(
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>());
    List<String> dims = new ArrayList<>();
    distinct.forEach(
        (key, dimsJson) -> {
          for (int i = 0; i < key.size(); i++) {
            columns.get(i).add(key.get(i));
          }
          dims.add(dimsJson);
        });
    handle
        .createUpdate(
            "insert into usage_unique (account_id, meter_id, hour, dim_key, value, dims)"
                + " select * from unnest(cast(:accounts as text[]), cast(:meters as text[]),"
                + " cast(:hours as timestamptz[]), cast(:keys as text[]), cast(:vals as text[]),"
                + " cast(:dims as jsonb[])) on conflict do nothing")
        .bind("accounts", texts(columns.get(0)))
        .bind("meters", texts(columns.get(1)))
        .bind("hours", texts(columns.get(2)))
        .bind("keys", texts(columns.get(3)))
        .bind("vals", texts(columns.get(4)))
        .bind("dims", texts(dims))
        .execute();
  }

  @Override
  public List<UsageTotal> totals(
      AccountId accountId, Collection<Meter> meters, Instant from, Instant to) {
    UsageWindow window = new UsageWindow(accountId, from, to, false);
    return totals(List.of(window), meters).getOrDefault(window, List.of());
  }

  @Override
  public List<UsageTotal> periodTotals(
      AccountId accountId, Collection<Meter> meters, BillingPeriod period) {
    UsageWindow window = new UsageWindow(accountId, period.start(), period.end(), true);
    return totals(List.of(window), meters).getOrDefault(window, List.of());
  }

  /**
   * One query per source for all the windows: the period totals for whole periods, the hourly
   * buckets for the other windows, and the distinct values of the hours for unique counts; each
   * window's rows grouped by meter and dimension key, bucket meters first, each in (meter, key)
   * order.
   */
  @Override
  public Map<UsageWindow, List<UsageTotal>> totals(
      Collection<UsageWindow> windows, Collection<Meter> meters) {
    Map<String, Aggregation> aggregations = new HashMap<>();
    meters.forEach(meter -> aggregations.put(meter.id().value(), meter.aggregation()));
    List<String> bucketMeters = meterIds(meters, false);
    List<String> uniqueMeters = meterIds(meters, true);
    List<UsageWindow> all = List.copyOf(new java.util.LinkedHashSet<>(windows));
    List<UsageWindow> periods = all.stream().filter(UsageWindow::wholePeriod).toList();
    List<UsageWindow> spans = all.stream().filter(window -> !window.wholePeriod()).toList();
    Map<UsageWindow, List<UsageTotal>> totals = new HashMap<>();
    // Groups of dimension values are read back from their keys; meters often share them.
    Map<String, Map<String, String>> dimensions = new HashMap<>();
    jdbi.useHandle(
        handle -> {
          if (!bucketMeters.isEmpty() && !periods.isEmpty()) {
            addSums(handle, PERIOD_SUMS, periods, bucketMeters, aggregations, dimensions, totals);
          }
          if (!bucketMeters.isEmpty() && !spans.isEmpty()) {
            addSums(handle, SPAN_SUMS, spans, bucketMeters, aggregations, dimensions, totals);
          }
          if (!uniqueMeters.isEmpty() && !all.isEmpty()) {
            addByWindow(
                handle,
                "select k.i, b.meter_id, b.dim_key, count(distinct b.value) as quantity",
                HOURS_OF_WINDOW.formatted("usage_unique"),
                all,
                uniqueMeters,
                rs ->
                    new UsageTotal(
                        new MeterId(rs.getString("meter_id")),
                        dimensions.computeIfAbsent(rs.getString("dim_key"), DimensionKey::parse),
                        rs.getBigDecimal("quantity")),
                totals);
          }
        });
    return totals;
  }

  /** The rows of a table of hours in each window, grouped by window, meter and dimension key. */
  private static final String HOURS_OF_WINDOW =
      " join %s b on b.account_id = k.account_id and b.meter_id = any(cast(:meters as text[]))"
          + " and b.hour >= k.f and b.hour < k.t"
          + " group by k.i, b.meter_id, b.dim_key";

  /** A row of a usage table's totals by window. */
  private interface TotalRow {
    UsageTotal read(ResultSet rs) throws SQLException;
  }

  /** A total read for the window at {@code index}, with the meter id and key it is ordered by. */
  private record WindowRow(int index, String meterId, String dimKey, UsageTotal total) {}

  private static final java.util.Comparator<WindowRow> ROW_ORDER =
      java.util.Comparator.comparingInt(WindowRow::index)
          .thenComparing(WindowRow::meterId)
          .thenComparing(WindowRow::dimKey);

  /**
   * Adds the rows of {@code select} from the windows {@code join}ed to a table to their totals, in
   * (meter id, dimension key) order by Java's string order: the same whatever the database's
   * collation, and cheaper than sorting in PostgreSQL, which cannot use an index for it here.
   */
  private static void addByWindow(
      Handle handle,
      String select,
      String join,
      List<UsageWindow> windows,
      List<String> meters,
      TotalRow row,
      Map<UsageWindow, List<UsageTotal>> totals) {
    bindWindows(handle.createQuery(select + WINDOWS + join), windows, meters)
        .map(
            (rs, ctx) ->
                new WindowRow(
                    rs.getInt("i") - 1,
                    rs.getString("meter_id"),
                    rs.getString("dim_key"),
                    row.read(rs)))
        .list()
        .stream()
        .sorted(ROW_ORDER)
        .forEach(
            read ->
                totals
                    .computeIfAbsent(windows.get(read.index()), k -> new ArrayList<>())
                    .add(read.total()));
  }

  /** The windows of a read, numbered from 1 in {@code k.i}. */
  private static final String WINDOWS =
      " from unnest(cast(:accounts as text[]), cast(:froms as timestamptz[]),"
          + " cast(:tos as timestamptz[])) with ordinality as k(account_id, f, t, i)";

  /**
   * The pending rows of the windows' accounts, each with the window's number: those of the
   * account's shard that mention it.
   */
  private static final String PENDING_OF_WINDOW =
      " union all select k.i, null, null, null, null, null, p.contributions"
          + WINDOWS
          + " join usage_pending p on p.shard = "
          + PendingUsage.shardSql("k.account_id")
          + " and "
          + PendingUsage.mentionsSql("k.account_id");

  /** The period totals of whole-period windows, and what is pending for them. */
  private static final String PERIOD_SUMS =
      "select k.i, b.meter_id, b.dim_key, b.total, b.event_count, b.max_value, null as pending"
          + WINDOWS
          + " join usage_period b on b.account_id = k.account_id and b.period_start = k.f"
          + " and b.period_end = k.t and b.meter_id = any(cast(:meters as text[]))"
          + PENDING_OF_WINDOW;

  /** The hourly buckets of other windows, summed by group, and what is pending for them. */
  private static final String SPAN_SUMS =
      "select k.i, b.meter_id, b.dim_key, sum(b.total) as total,"
          + " sum(b.event_count) as event_count, max(b.max_value) as max_value, null as pending"
          + WINDOWS
          + HOURS_OF_WINDOW.formatted("usage_bucket")
          + PENDING_OF_WINDOW;

  /**
   * Adds the totals of bucket meters in each window to {@code totals}: the rows of {@code sql}
   * (read in one statement, so that a fold committing meanwhile is seen wholly or not at all), the
   * totals and the window's pending usage of each group added up, aggregated as each meter says, in
   * (meter id, dimension key) order by Java's string order.
   */
  private static void addSums(
      Handle handle,
      String sql,
      List<UsageWindow> windows,
      List<String> meters,
      Map<String, Aggregation> aggregations,
      Map<String, Map<String, String>> dimensions,
      Map<UsageWindow, List<UsageTotal>> totals) {
    Map<WindowGroup, Bucket> sums = new HashMap<>();
    Set<String> wanted = new HashSet<>(meters);
    bindWindows(handle.createQuery(sql), windows, meters)
        .map(
            (rs, ctx) -> {
              int index = rs.getInt("i") - 1;
              String pending = rs.getString("pending");
              if (pending == null) {
                sums.computeIfAbsent(
                        new WindowGroup(index, rs.getString("meter_id"), rs.getString("dim_key")),
                        k -> new Bucket())
                    .add(
                        rs.getBigDecimal("total"),
                        rs.getLong("event_count"),
                        rs.getBigDecimal("max_value"));
                return 1;
              }
              UsageWindow window = windows.get(index);
              PendingUsage.read(
                  pending,
                  window.accountId().value(),
                  (account, period, meterId, hour, dimKey, total, count, max) -> {
                    if (wanted.contains(meterId)
                        && !hour.isBefore(window.from())
                        && hour.isBefore(window.to())) {
                      sums.computeIfAbsent(
                              new WindowGroup(index, meterId, dimKey), k -> new Bucket())
                          .add(total, count, max);
                    }
                  });
              return 1;
            })
        .forEach(row -> {});
    sums.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            entry -> {
              WindowGroup group = entry.getKey();
              Bucket sum = entry.getValue();
              BigDecimal quantity =
                  switch (aggregations.get(group.meterId())) {
                    case SUM -> sum.total;
                    case COUNT -> BigDecimal.valueOf(sum.count);
                    case MAX -> sum.max;
                    case UNIQUE_COUNT -> throw new IllegalStateException("not a bucket meter");
                  };
              totals
                  .computeIfAbsent(windows.get(group.index()), k -> new ArrayList<>())
                  .add(
                      new UsageTotal(
                          new MeterId(group.meterId()),
                          dimensions.computeIfAbsent(group.dimKey(), DimensionKey::parse),
                          quantity));
            });
  }

  /** A window's group: its meter and dimension key, ordered by window, meter, key. */
  private record WindowGroup(int index, String meterId, String dimKey)
      implements Comparable<WindowGroup> {
    @Override
    public int compareTo(WindowGroup other) {
      int order = Integer.compare(index, other.index);
      if (order == 0) {
        order = meterId.compareTo(other.meterId);
      }
      return order != 0 ? order : dimKey.compareTo(other.dimKey);
    }
  }

  /** Binds the windows' accounts and bounds, and the meters, that {@link #WINDOWS} reads. */
  private static org.jdbi.v3.core.statement.Query bindWindows(
      org.jdbi.v3.core.statement.Query query, List<UsageWindow> windows, List<String> meters) {
    return query
        .bindArray(
            "accounts", String.class, windows.stream().map(w -> w.accountId().value()).toList())
        .bindArray("froms", String.class, windows.stream().map(w -> w.from().toString()).toList())
        .bindArray("tos", String.class, windows.stream().map(w -> w.to().toString()).toList())
        .bindArray("meters", String.class, meters);
  }

  /** The ids of the unique-count meters among {@code meters}, or of the others (bucket meters). */
  private static List<String> meterIds(Collection<Meter> meters, boolean uniqueCount) {
    return meters.stream()
        .filter(meter -> (meter.aggregation() == Aggregation.UNIQUE_COUNT) == uniqueCount)
        .map(meter -> meter.id().value())
        .distinct()
        .toList();
  }
}
