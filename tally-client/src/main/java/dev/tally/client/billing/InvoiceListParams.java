package dev.tally.client.billing;

/**
 * Options of a list call, each null when not given: {@code perPage} 1 to 100 (server default 50),
 * {@code page} 1-based, {@code cursor} from the previous page (wins over {@code page}).
 */
public record InvoiceListParams(Integer perPage, Integer page, String cursor) {
  /** No options: the first page of the server's default size. */
  public static InvoiceListParams none() {
    return new InvoiceListParams(null, null, null);
  }

  /** These options with {@code perPage}. */
  public InvoiceListParams perPage(Integer perPage) {
    return new InvoiceListParams(perPage, page, cursor);
  }

  /** These options with {@code page}. */
  public InvoiceListParams page(Integer page) {
    return new InvoiceListParams(perPage, page, cursor);
  }

  /** These options with {@code cursor}. */
  public InvoiceListParams cursor(String cursor) {
    return new InvoiceListParams(perPage, page, cursor);
  }
}
