package dev.tally.client.billing;

/**
 * Narrows an invoice's breakdown (each null when not given): to one team, one project, one resource
 * type ({@code service}, {@code job}, {@code addon}, {@code volume}, {@code opentofu-job}, {@code
 * llm-model-deployment}, {@code external-addon}). Totals and tax are those of what remains.
 */
public record InvoiceFilter(String teamId, String projectId, String resourceType) {
  /** The whole invoice. */
  public static InvoiceFilter none() {
    return new InvoiceFilter(null, null, null);
  }
}
