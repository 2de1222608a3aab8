package dev.tally.client.billing;

/**
 * Options of the details call, each null when not given: {@code timestamp} (unix seconds) selects
 * the invoice of that time instead of the preview; the ids narrow the breakdown to one project or
 * one service, job or addon.
 */
public record DetailsParams(
    Long timestamp, String projectId, String serviceId, String jobId, String addonId) {
  /** No options: the preview of the current period. */
  public static DetailsParams none() {
    return new DetailsParams(null, null, null, null, null);
  }

  /** The invoice whose period contains {@code timestamp} (unix seconds). */
  public DetailsParams timestamp(Long timestamp) {
    return new DetailsParams(timestamp, projectId, serviceId, jobId, addonId);
  }

  /** Only the project {@code projectId}. */
  public DetailsParams projectId(String projectId) {
    return new DetailsParams(timestamp, projectId, serviceId, jobId, addonId);
  }
}
