package dev.tally.client;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every item of a list, fetched a page at a time as the iteration reaches it: nothing is fetched
 * before the first {@code hasNext()}, and a walk that stops early fetches no further pages. Each
 * {@link #iterator()} starts a new walk from the first page.
 *
 * @param <T> the item type
 */
public final class Pager<T> implements Iterable<T> {
  private final Function<String, Page<T>> fetch;

  /** A pager that fetches a page with {@code fetch.apply(cursor)}, cursor null for the first. */
  public Pager(Function<String, Page<T>> fetch) {
    this.fetch = fetch;
  }

  @Override
  public Iterator<T> iterator() {
    return new Iterator<>() {
      private Iterator<T> items = List.<T>of().iterator();
      private String cursor;
      private boolean started;

      @Override
      public boolean hasNext() {
        while (!items.hasNext() && (!started || cursor != null)) {
          Page<T> page = fetch.apply(cursor);
          started = true;
          cursor = page.nextCursor();
          items = page.items().iterator();
        }
        return items.hasNext();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return items.next();
      }
    };
  }

  /** The items as a sequential, lazy stream. */
  public Stream<T> stream() {
    return StreamSupport.stream(spliterator(), false);
  }

  /** Every item in a list (fetches every page). */
  public List<T> toList() {
    return stream().toList();
  }
}
