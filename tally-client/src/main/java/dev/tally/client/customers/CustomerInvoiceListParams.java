package dev.tally.client.customers;

import java.time.Instant;

/**
 * Filters and options of a customer's invoice list, each null when not given: {@code limit} 1-100
 * (server default 25); {@code status} DRAFT, FINALIZED or VOID; {@code type} USAGE,
 * USAGE_CONSOLIDATED or SCHEDULED; {@code creditTypeId} a credit type id or currency code; {@code
 * contractId}; {@code startingOn} (inclusive) and {@code endingBefore} (exclusive) bound the
 * billing periods; {@code sort} date_asc (default) or date_desc; {@code skipZeroQtyLineItems}.
 */
public record CustomerInvoiceListParams(
    Integer limit,
    String status,
    String type,
    String creditTypeId,
    String contractId,
    Instant startingOn,
    Instant endingBefore,
    String sort,
    Boolean skipZeroQtyLineItems) {

  /** No filters: every invoice, oldest first. */
  public static CustomerInvoiceListParams none() {
    return builder().build();
  }

  /** A builder with no filters set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Sets filters one at a time; unset ones stay null. */
  public static final class Builder {
    private Integer limit;
    private String status;
    private String type;
    private String creditTypeId;
    private String contractId;
    private Instant startingOn;
    private Instant endingBefore;
    private String sort;
    private Boolean skipZeroQtyLineItems;

    private Builder() {}

    /** Invoices per page, 1 to 100. */
    public Builder limit(Integer limit) {
      this.limit = limit;
      return this;
    }

    /** Only DRAFT, FINALIZED or VOID invoices. */
    public Builder status(String status) {
      this.status = status;
      return this;
    }

    /** Only USAGE, USAGE_CONSOLIDATED or SCHEDULED invoices. */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    /** Only invoices in this credit type id or currency code. */
    public Builder creditTypeId(String creditTypeId) {
      this.creditTypeId = creditTypeId;
      return this;
    }

    /** Only invoices of this contract. */
    public Builder contractId(String contractId) {
      this.contractId = contractId;
      return this;
    }

    /** Only periods starting at or after this instant. */
    public Builder startingOn(Instant startingOn) {
      this.startingOn = startingOn;
      return this;
    }

    /** Only periods ending before or at this instant (periods are half-open). */
    public Builder endingBefore(Instant endingBefore) {
      this.endingBefore = endingBefore;
      return this;
    }

    /** date_asc (oldest first, the default) or date_desc. */
    public Builder sort(String sort) {
      this.sort = sort;
      return this;
    }

    /** Whether to leave out line items of zero quantity. */
    public Builder skipZeroQtyLineItems(Boolean skipZeroQtyLineItems) {
      this.skipZeroQtyLineItems = skipZeroQtyLineItems;
      return this;
    }

    /** The parameters. */
    public CustomerInvoiceListParams build() {
      return new CustomerInvoiceListParams(
          limit,
          status,
          type,
          creditTypeId,
          contractId,
          startingOn,
          endingBefore,
          sort,
          skipZeroQtyLineItems);
    }
  }
}
