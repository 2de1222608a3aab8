/**
 * Usage events and meters: which events a meter counts, how it aggregates them, and the hourly
 * contributions an event makes to each meter it matches.
 */
package dev.tally.domain.usage;
