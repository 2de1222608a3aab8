package dev.tally.domain.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.domain.PropertyCheck;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DimensionKeyTest {
  @Test
  void listsTheValuesSortedByNameWhateverTheirOrder() {
    Map<String, String> regionFirst = new LinkedHashMap<>();
    regionFirst.put("region", "eu");
    regionFirst.put("method", "GET");
    Map<String, String> methodFirst = new LinkedHashMap<>();
    methodFirst.put("method", "GET");
    methodFirst.put("region", "eu");

    assertThat(DimensionKey.of(regionFirst))
        .isEqualTo(DimensionKey.of(methodFirst))
        .isEqualTo("method=GET\u001fregion=eu");
  }

  @Test
  void theKeyOfNoDimensionsIsEmpty() {
    assertThat(DimensionKey.of(Map.of())).isEmpty();
  }

  @Test
  void keepsEmptyValuesApartFromOtherNames() {
    assertThat(DimensionKey.of(Map.of("region", ""))).isEqualTo("region=");
    assertThat(DimensionKey.of(Map.of("region", ""))).isNotEqualTo(DimensionKey.of(Map.of()));
  }

  @Test
  void differentDimensionValuesNeverShareAKey() {
    Map<String, String> first = Map.of("method", "GET\u001fregion=eu", "region", "");
    Map<String, String> second = Map.of("method", "GET", "region", "eu\u001fregion=");

    assertThat(DimensionKey.of(first)).isNotEqualTo(DimensionKey.of(second));
  }

  @Test
  void parsesBackToTheValuesItWasMadeOf() {
    PropertyCheck.forAll(
        20261121L,
        500,
        random -> {
          Map<String, String> values = new java.util.HashMap<>();
          int count = random.nextInt(4);
          for (int i = 0; i < count; i++) {
            values.put("n" + text(random), text(random));
          }
          return values;
        },
        values -> assertThat(DimensionKey.parse(DimensionKey.of(values))).isEqualTo(values));
  }

  /** Short text drawn mostly from the characters the key escapes. */
  private static String text(java.util.Random random) {
    String alphabet = "%=\u001fa2D5F3";
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(6);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  @Test
  void isTheKeyAContributionIsBucketedBy() {
    Contribution contribution =
        new Contribution(
            new MeterId("cpu"),
            Instant.parse("2026-03-08T06:00:00Z"),
            Map.of("resource_id", "r-api"),
            BigDecimal.ONE,
            null);

    assertThat(contribution.dimensionKey()).isEqualTo("resource_id=r-api");
  }
}
