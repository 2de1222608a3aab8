/** Usage events in Metronome's ingest shape and the answer to a batch. */
package dev.tally.client.usage;
