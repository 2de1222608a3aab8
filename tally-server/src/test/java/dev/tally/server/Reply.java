package dev.tally.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/** The answer to one test request: its status, headers and body, with the JSON read on demand. */
record Reply(String request, int status, HttpHeaders headers, String body) {
  static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

  /** Asserts the status, showing the request and the body when it differs. */
  Reply expect(int expected) {
    assertThat(status).as(() -> request + " answered " + body).isEqualTo(expected);
    return this;
  }

  JsonNode json() {
    try {
      return JSON.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(request + " did not answer JSON: " + body, e);
    }
  }

  /**
   * The field paths a 400 names, in either error shape: the admin API's {@code error.fields} or the
   * ingest route's {@code errors}.
   */
  List<String> fields() {
    JsonNode node = json();
    JsonNode list = node.has("error") ? node.path("error").path("fields") : node.path("errors");
    List<String> fields = new ArrayList<>();
    list.forEach(field -> fields.add(field.path("field").asText()));
    return fields;
  }

  /** The error message, in either error shape. */
  String message() {
    JsonNode node = json();
    return node.has("error")
        ? node.path("error").path("message").asText()
        : node.path("message").asText();
  }
}
