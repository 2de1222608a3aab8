package dev.tally.client.billing;

import java.util.List;

/** BYOC charges of an invoice in cents, by cluster ({@code clusters} may be null). */
public record ByocUsage(ByocPrice price, List<Cluster> clusters) {
  /** One cluster's charges. */
  public record Cluster(String id, String name, ByocPrice price) {}
}
