/** {@code POST /v1/ingest}: usage events in Metronome's shape, checked and stored atomically. */
package dev.tally.server.ingest;
