/**
 * The operator's view of a customer's invoices, Metronome's shapes: amounts in minor units (cents),
 * times as instants, line items that sum exactly to the total.
 */
package dev.tally.client.customers;
