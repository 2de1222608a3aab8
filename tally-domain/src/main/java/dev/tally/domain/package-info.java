/**
 * The business of Tally: money, billing periods, accounts, usage metering, pricing and invoices.
 * JDK only: nothing here imports JSON, SQL or HTTP.
 */
package dev.tally.domain;
