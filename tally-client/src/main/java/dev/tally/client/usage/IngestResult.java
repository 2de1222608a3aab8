package dev.tally.client.usage;

/** How many events of a batch were new ({@code accepted}) and how many had been sent before. */
public record IngestResult(long accepted, long duplicates) {}
