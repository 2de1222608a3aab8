package dev.tally.postgres;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tally.domain.pricing.GraduatedTiers;
import dev.tally.domain.pricing.PerUnit;
import dev.tally.domain.pricing.PriceModel;
import dev.tally.domain.pricing.Tier;
import dev.tally.domain.pricing.VolumeTiers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The JSON of jsonb columns: frozen invoice charges, meter filters, plan prices. */
final class Json {
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
          .setVisibility(PropertyAccessor.FIELD, Visibility.ANY)
          .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
          .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON for " + value.getClass(), e);
    }
  }

  static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON does not read as " + type.getSimpleName(), e);
    }
  }

  static Map<String, String> readStringMap(String json) {
    try {
      return MAPPER.readValue(json, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not a map of strings", e);
    }
  }

  static List<String> readStringList(String json) {
    try {
      return MAPPER.readValue(json, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not a list of strings", e);
    }
  }

  static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON does not parse", e);
    }
  }

  static ObjectNode toRow(PriceModel model) {
    ObjectNode node = MAPPER.createObjectNode();
    switch (model) {
      case PerUnit perUnit -> {
        node.put("model", "per_unit");
        node.put("unit_price", perUnit.unitPrice().toPlainString());
      }
      case GraduatedTiers graduated -> {
        node.put("model", "graduated");
        node.set("tiers", tiers(graduated.tiers()));
      }
      case VolumeTiers volume -> {
        node.put("model", "volume");
        node.set("tiers", tiers(volume.tiers()));
      }
    }
    return node;
  }

  static PriceModel priceModelFromRow(JsonNode node) {
    return switch (node.get("model").asText()) {
      case "per_unit" -> new PerUnit(new BigDecimal(node.get("unit_price").asText()));
      case "graduated" -> new GraduatedTiers(tiersFromRow(node.get("tiers")));
      case "volume" -> new VolumeTiers(tiersFromRow(node.get("tiers")));
      default -> throw new IllegalStateException("unknown stored price model " + node);
    };
  }

  private static ArrayNode tiers(List<Tier> tiers) {
    ArrayNode array = MAPPER.createArrayNode();
    for (Tier tier : tiers) {
      ObjectNode row = array.addObject();
      row.put("up_to", tier.upTo() == null ? null : tier.upTo().toPlainString());
      row.put("unit_price", tier.unitPrice().toPlainString());
    }
    return array;
  }

  private static List<Tier> tiersFromRow(JsonNode array) {
    List<Tier> tiers = new ArrayList<>();
    for (JsonNode row : array) {
      JsonNode upTo = row.get("up_to");
      tiers.add(
          new Tier(
              upTo == null || upTo.isNull() ? null : new BigDecimal(upTo.asText()),
              new BigDecimal(row.get("unit_price").asText())));
    }
    return tiers;
  }
}
