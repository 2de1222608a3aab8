package dev.tally.client.customers;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An invoice as the Metronome-compatible routes answer it. Amounts in minor units (cents); {@code
 * status} is DRAFT, FINALIZED or VOID; {@code issuedAt} and {@code dueAt} are null on a draft;
 * {@code externalInvoice} is null until a payment provider reports a status.
 */
public record CustomerInvoice(
    String id,
    String customerId,
    CreditType creditType,
    String status,
    String type,
    long total,
    long subtotal,
    Long amountDue,
    Instant startTimestamp,
    Instant endTimestamp,
    Instant issuedAt,
    Instant dueAt,
    Instant createdAt,
    String contractId,
    Integer netPaymentTermsDays,
    List<CustomerLineItem> lineItems,
    Map<String, Object> externalInvoice) {}
