/**
 * The customer's view of billing, Northflank's shapes: invoice summaries, the details preview and
 * one invoice with its breakdown. Amounts are in cents (minor units of the invoice currency),
 * periods in unix seconds, half-open {@code [start, end)}.
 */
package dev.tally.client.billing;
