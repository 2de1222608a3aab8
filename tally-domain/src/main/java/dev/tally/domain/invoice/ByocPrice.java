package dev.tally.domain.invoice;

import dev.tally.domain.money.Money;
import dev.tally.domain.usage.InvoiceCategory;

/** BYOC charges by category; the total is their sum. */
public record ByocPrice(Money vcpu, Money memory, Money gpuMemory, Money cluster) {
  public static final ByocPrice ZERO =
      new ByocPrice(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);

  public Money total() {
    return vcpu.plus(memory).plus(gpuMemory).plus(cluster);
  }

  public ByocPrice plus(ByocPrice other) {
    return new ByocPrice(
        vcpu.plus(other.vcpu),
        memory.plus(other.memory),
        gpuMemory.plus(other.gpuMemory),
        cluster.plus(other.cluster));
  }

  public ByocPrice plus(InvoiceCategory category, Money amount) {
    return switch (category) {
      case BYOC_VCPU -> new ByocPrice(vcpu.plus(amount), memory, gpuMemory, cluster);
      case BYOC_MEMORY -> new ByocPrice(vcpu, memory.plus(amount), gpuMemory, cluster);
      case BYOC_GPU_MEMORY -> new ByocPrice(vcpu, memory, gpuMemory.plus(amount), cluster);
      case BYOC_CLUSTER -> new ByocPrice(vcpu, memory, gpuMemory, cluster.plus(amount));
      default -> throw new IllegalArgumentException("not a BYOC category: " + category);
    };
  }
}
