package dev.tally.domain.billing;

import dev.tally.domain.account.Account;
import dev.tally.domain.account.AccountId;
import dev.tally.domain.account.AccountStore;
import dev.tally.domain.invoice.InvoiceHeader;
import dev.tally.domain.invoice.InvoiceId;
import dev.tally.domain.invoice.InvoiceStore;
import dev.tally.domain.invoice.InvoiceStore.FinalCharges;
import dev.tally.domain.time.BillingPeriod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finalizes every draft invoice whose period and grace period have ended: its charges are drawn
 * once more and frozen with the issue date (now), the due date (now plus the account's payment
 * terms) and the account's next invoice number. Until then late usage still lands in the draft.
 * Safe to repeat and to run concurrently: each invoice is finalized once, in one transaction.
 *
 * <p>A run creates the missing drafts of all accounts in a few set-based statements, then finalizes
 * the due ones in chunks of {@value #CHUNK} invoices per transaction on {@value #WORKERS} workers,
 * each chunk's inputs loaded with one query per kind.
 */
public final class BillingRun {
  /** Drafts finalized per transaction. */
  static final int CHUNK = 250;

  /**
   * Chunks finalized at once, each in a transaction on a connection of its own (the stores' reads
   * while it draws the chunk's charges run on the same handle: Jdbi's handle scope is the thread).
   */
  static final int WORKERS = 4;

  private final AccountStore accounts;
  private final InvoiceStore invoices;
  private final InvoiceService invoiceService;
  private final Clock clock;
  private final Duration gracePeriod;

  public BillingRun(
      AccountStore accounts,
      InvoiceStore invoices,
      InvoiceService invoiceService,
      Clock clock,
      Duration gracePeriod) {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.invoices = Objects.requireNonNull(invoices, "invoices");
    this.invoiceService = Objects.requireNonNull(invoiceService, "invoiceService");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.gracePeriod = Objects.requireNonNull(gracePeriod, "gracePeriod");
    if (gracePeriod.isNegative()) {
      throw new IllegalArgumentException("the grace period must not be negative");
    }
  }

  /** How long after its period's end a draft still takes late usage. */
  public Duration gracePeriod() {
    return gracePeriod;
  }

  /** Whether an invoice of {@code period} is due to be finalized at {@code now}. */
  public boolean isDue(BillingPeriod period, Instant now) {
    return !period.end().plus(gracePeriod).isAfter(now);
  }

  /** What a run did: invoices finalized now, and drafts that could not be finalized. */
  public record Result(int finalized, List<InvoiceId> failed) {
    public Result {
      failed = List.copyOf(failed);
    }
  }

  public Result run() {
    Instant now = clock.instant();
    invoiceService.ensureDrafts(accounts.list());
    List<InvoiceHeader> due = invoices.draftsEndedBy(now.minus(gracePeriod));
    AtomicInteger finalized = new AtomicInteger();
    List<InvoiceId> failures = Collections.synchronizedList(new ArrayList<>());
    Set<AccountId> heldBack = ConcurrentHashMap.newKeySet();
    ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
    try {
      for (List<InvoiceHeader> all : waves(due)) {
        List<InvoiceHeader> wave =
            all.stream().filter(draft -> !heldBack.contains(draft.accountId())).toList();
        List<Future<?>> chunks = new ArrayList<>();
        for (int from = 0; from < wave.size(); from += CHUNK) {
          List<InvoiceHeader> chunk = wave.subList(from, Math.min(wave.size(), from + CHUNK));
          chunks.add(
              workers.submit(
                  () -> finalized.addAndGet(finalizeChunk(chunk, now, failures, heldBack))));
        }
        for (Future<?> chunk : chunks) {
          await(chunk);
        }
      }
    } finally {
      workers.shutdownNow();
    }
    return new Result(finalized.get(), failures);
  }

  /**
   * The drafts in waves: an account's oldest due draft in the first, its next in the second and so
   * on, each wave oldest period first. A wave is finalized before the next starts, so an account's
   * invoices are numbered in the order of their periods, each sees the credit the earlier ones
   * consumed, and late-usage corrections find the carrier they would find one by one.
   */
  static List<List<InvoiceHeader>> waves(List<InvoiceHeader> due) {
    Map<AccountId, Integer> seen = new HashMap<>();
    List<List<InvoiceHeader>> waves = new ArrayList<>();
    for (InvoiceHeader draft : due) {
      int wave = seen.merge(draft.accountId(), 1, Integer::sum) - 1;
      if (wave == waves.size()) {
        waves.add(new ArrayList<>());
      }
      waves.get(wave).add(draft);
    }
    return waves;
  }

  /**
   * Finalizes a chunk of drafts of distinct accounts in one transaction, their inputs loaded with
   * one query per kind; an invoice that cannot be drawn stays a draft and is reported. When the
   * chunk's transaction fails as a whole, its invoices are finalized one by one instead, so that
   * only the one at fault stays a draft. A draft that another transaction holds (another run, or an
   * ingest batch adding late usage) is left to it, and so are its account's later drafts in this
   * run (added to {@code heldBack}), so that they are never numbered before it. Returns how many
   * were finalized.
   */
  private int finalizeChunk(
      List<InvoiceHeader> chunk, Instant now, List<InvoiceId> failures, Set<AccountId> heldBack) {
    List<InvoiceId> ids = chunk.stream().map(InvoiceHeader::id).toList();
    Set<InvoiceId> done = new HashSet<>();
    List<InvoiceId> failed = new ArrayList<>();
    try {
      done.addAll(
          invoices.finalizeDrafts(
              ids,
              now,
              locked -> {
                failed.clear();
                InvoiceInputs inputs = invoiceService.prefetch(locked);
                Map<InvoiceId, FinalCharges> charges = new LinkedHashMap<>();
                for (InvoiceHeader draft : locked) {
                  try {
                    charges.put(draft.id(), charges(draft, now, inputs));
                  } catch (RuntimeException e) {
                    failed.add(draft.id());
                  }
                }
                return charges;
              }));
    } catch (RuntimeException e) {
      failed.clear();
      for (InvoiceId id : ids) {
        try {
          if (finalize(id, now)) {
            done.add(id);
          }
        } catch (RuntimeException failure) {
          // One invoice that cannot be drawn must not hold up everyone else's billing: it stays a
          // draft, is reported, and the next run tries it again.
          failed.add(id);
        }
      }
    }
    failures.addAll(failed);
    for (InvoiceHeader draft : chunk) {
      if (!done.contains(draft.id()) && !failed.contains(draft.id())) {
        heldBack.add(draft.accountId());
      }
    }
    return done.size();
  }

  private FinalCharges charges(InvoiceHeader draft, Instant now, InvoiceInputs inputs) {
    Account account = inputs.account(draft.accountId());
    return new FinalCharges(
        invoiceService.calculate(draft, inputs),
        now.plus(Duration.ofDays(account.paymentTermsDays())));
  }

  private static void await(Future<?> chunk) {
    try {
      chunk.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the billing run was interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a chunk of the billing run failed", e.getCause());
    }
  }

  /** Finalizes one draft now, whatever its period; false when it was not (any longer) a draft. */
  boolean finalize(InvoiceId id, Instant now) {
    return invoices.finalizeDraft(
        id, now, header -> charges(header, now, invoiceService.liveInputs()));
  }
}
