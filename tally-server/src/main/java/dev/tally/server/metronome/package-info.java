/**
 * The operator's Metronome-compatible invoice routes, {@code GET /v1/customers/{customer_id}/
 * invoices[/{invoice_id}]}: the query they take, the cursor they page with, and Metronome's Invoice
 * object drawn from Tally's invoices (see docs/metronome-api.md).
 */
package dev.tally.server.metronome;
