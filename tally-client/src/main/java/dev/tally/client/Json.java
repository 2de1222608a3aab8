package dev.tally.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The two JSON dialects of Tally's wire: snake_case (admin API and the Metronome family) and
 * camelCase (the Northflank family). Unknown fields are ignored so that newer servers work with
 * older clients; nulls are not sent.
 */
public final class Json {
  /** snake_case, for the admin API, ingest and the Metronome-compatible routes. */
  public static final ObjectMapper SNAKE = mapper(true);

  /** camelCase, for the Northflank-compatible routes. */
  public static final ObjectMapper CAMEL = mapper(false);

  private Json() {}

  private static ObjectMapper mapper(boolean snake) {
    JsonMapper.Builder builder =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // keep decimals as the server wrote them: a tax of 20 stays 20, not 2E+1
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .defaultPropertyInclusion(
                JsonInclude.Value.construct(
                    JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));
    if (snake) {
      builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }
    return builder.build();
  }
}
