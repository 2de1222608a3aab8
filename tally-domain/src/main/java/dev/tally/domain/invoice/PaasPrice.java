package dev.tally.domain.invoice;

import dev.tally.domain.money.Money;
import dev.tally.domain.usage.InvoiceCategory;

/** PaaS charges by category at one level of the breakdown; the total is their sum. */
public record PaasPrice(Money cpu, Money memory, Money storage, Money gpu) {
  public static final PaasPrice ZERO =
      new PaasPrice(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);

  public Money total() {
    return cpu.plus(memory).plus(storage).plus(gpu);
  }

  public PaasPrice plus(PaasPrice other) {
    return new PaasPrice(
        cpu.plus(other.cpu),
        memory.plus(other.memory),
        storage.plus(other.storage),
        gpu.plus(other.gpu));
  }

  public PaasPrice plus(InvoiceCategory category, Money amount) {
    return switch (category) {
      case PAAS_CPU -> new PaasPrice(cpu.plus(amount), memory, storage, gpu);
      case PAAS_MEMORY -> new PaasPrice(cpu, memory.plus(amount), storage, gpu);
      case PAAS_STORAGE -> new PaasPrice(cpu, memory, storage.plus(amount), gpu);
      case PAAS_GPU -> new PaasPrice(cpu, memory, storage, gpu.plus(amount));
      default -> throw new IllegalArgumentException("not a PaaS category: " + category);
    };
  }
}
