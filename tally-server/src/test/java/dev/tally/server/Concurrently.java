package dev.tally.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/** Runs a task on several threads that start at the same moment, and collects their results. */
final class Concurrently {
  private Concurrently() {}

  /** Runs {@code task} with each thread's number (0 to threads - 1), all released together. */
  static <T> List<T> run(int threads, IntFunction<T> task) {
    CyclicBarrier start = new CyclicBarrier(threads);
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<T>> futures = new ArrayList<>();
      for (int thread = 0; thread < threads; thread++) {
        int number = thread;
        futures.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  return task.apply(number);
                }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(2, TimeUnit.MINUTES));
      }
      return results;
    } catch (ExecutionException e) {
      throw new IllegalStateException("a concurrent task failed", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("a concurrent task did not finish", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
