package dev.tally.domain.usage;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a meter's charges land on the invoice: a PaaS category of the team → project → resource
 * breakdown, a BYOC category billed per cluster, or a plain usage line.
 */
public enum InvoiceCategory {
  PAAS_CPU("paas.cpu"),
  PAAS_MEMORY("paas.memory"),
  PAAS_STORAGE("paas.storage"),
  PAAS_GPU("paas.gpu"),
  BYOC_VCPU("byoc.vcpu"),
  BYOC_MEMORY("byoc.memory"),
  BYOC_GPU_MEMORY("byoc.gpuMemory"),
  BYOC_CLUSTER("byoc.cluster"),
  USAGE("usage");

  /** The event property that names the resource a PaaS meter's usage belongs to. */
  public static final String RESOURCE_PROPERTY = "resource_id";

  /** The event property that names the cluster a BYOC meter's usage belongs to. */
  public static final String CLUSTER_PROPERTY = "cluster_id";

  private final String wireName;

  InvoiceCategory(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public boolean isPaas() {
    return name().startsWith("PAAS_");
  }

  public boolean isByoc() {
    return name().startsWith("BYOC_");
  }

  public static Optional<InvoiceCategory> fromWire(String name) {
    return Arrays.stream(values()).filter(category -> category.wireName.equals(name)).findFirst();
  }
}
