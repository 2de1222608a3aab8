/**
 * The services of Tally: ingesting usage, drawing invoices (live drafts, frozen finals) and billing
 * runs. They load through the store ports, calculate with the pure calculators, and store.
 */
package dev.tally.domain.billing;
