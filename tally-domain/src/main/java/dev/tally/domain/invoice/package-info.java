/**
 * Invoices: one per account and billing period. The pure {@link
 * dev.tally.domain.invoice.InvoiceCalculator} turns usage totals, plans and a period into lines, a
 * breakdown tree and totals.
 */
package dev.tally.domain.invoice;
