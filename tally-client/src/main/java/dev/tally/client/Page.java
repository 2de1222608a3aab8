package dev.tally.client;

import java.util.List;

/**
 * One page of a list: its items and the cursor of the next page, null on the last page.
 *
 * @param <T> the item type
 */
public record Page<T>(List<T> items, String nextCursor) {
  /** Copies the items. */
  public Page {
    items = List.copyOf(items);
  }

  /** Whether another page follows. */
  public boolean hasNext() {
    return nextCursor != null;
  }
}
