package dev.tally.server.northflank;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The answer to one test request: status, content type and body, its JSON read on demand. */
record Answer(String request, int status, String contentType, String body) {
  static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

  /** Asserts the status, showing the request and the body when it differs. */
  Answer expect(int expected) {
    assertThat(status).as(() -> request + " answered " + body).isEqualTo(expected);
    return this;
  }

  JsonNode json() {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new AssertionError(request + " did not answer JSON: " + body, e);
    }
  }

  /** {@code data} of a 200 answer. */
  JsonNode data() {
    return expect(200).json().path("data");
  }

  /**
   * Asserts a Northflank error: the status, JSON content, and the body {@code
   * {"error":{"status","message","id"}}}; returns the message.
   */
  String expectError(int expected) {
    expect(expected);
    assertThat(contentType).as(request).startsWith("application/json");
    JsonNode error = json().path("error");
    assertThat(error.path("status").asInt()).as(request + ": " + body).isEqualTo(expected);
    assertThat(error.path("message").asText()).as(request + ": " + body).isNotBlank();
    assertThat(error.path("id").asText()).as(request + ": " + body).isNotBlank();
    return error.path("message").asText();
  }
}
