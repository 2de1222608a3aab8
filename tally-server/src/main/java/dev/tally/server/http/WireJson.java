package dev.tally.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tally.domain.error.Validation;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON of the wire: exact numbers (BigDecimal, never double) and RFC 3339 times. */
public final class WireJson {
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
          .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
          .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true)
          .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
          .configure(
              com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true);

  private WireJson() {}

  /** Parses a request body, or fails with a 400 that says why. */
  public static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw new Validation("the request body is empty; a JSON document is expected");
    }
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new Validation("the request body is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new Validation("the request body could not be read");
    }
  }

  /** A JSON object with these keys and values, in this order: {@code object("id", id, ...)}. */
  public static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      object.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return object;
  }

  /**
   * Answers {@code ctx} with {@code body} as JSON, written as UTF-8 bytes: cheaper than Javalin's
   * {@code ctx.json}, which writes a string first (large invoices have thousands of fields).
   */
  public static void respond(io.javalin.http.Context ctx, Object body) {
    respond(ctx, bytes(body));
  }

  /** Answers {@code ctx} with {@code json}, a JSON document as UTF-8 bytes. */
  public static void respond(io.javalin.http.Context ctx, byte[] json) {
    ctx.contentType(io.javalin.http.ContentType.APPLICATION_JSON).result(json);
  }

  /** {@code body} as JSON in UTF-8 bytes. */
  public static byte[] bytes(Object body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON for " + body.getClass(), e);
    }
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON for " + value.getClass(), e);
    }
  }
}
