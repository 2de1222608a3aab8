package dev.tally.domain.usage;

/** What became of a batch: events stored now, and events skipped as already seen. */
public record IngestResult(int accepted, int duplicates) {}
