package dev.tally.domain.account;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The seven resource types of the Northflank invoice breakdown, with their wire names. */
public enum ResourceType {
  SERVICE("service"),
  JOB("job"),
  ADDON("addon"),
  VOLUME("volume"),
  OPENTOFU_JOB("opentofu-job"),
  LLM_MODEL_DEPLOYMENT("llm-model-deployment"),
  EXTERNAL_ADDON("external-addon");

  private final String wireName;

  ResourceType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<ResourceType> fromWire(String name) {
    return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(ResourceType::wireName).toList();
  }
}
