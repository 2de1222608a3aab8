package dev.tally.server.http;

import dev.tally.domain.error.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The route families served on one port, each with the error shape its clients expect: Northflank's
 * {@code {"error":{"status","message","id"}}}, Metronome's {@code {"message"}}, and Tally's own
 * admin shape {@code {"error":{"status","message","request_id","fields"}}}, which Tally's own
 * payment webhook ({@code /v1/webhooks/...}) shares.
 */
public enum ApiFamily {
  NORTHFLANK,
  METRONOME,
  ADMIN;

  public static final String ADMIN_PREFIX = "/admin/v1";

  public static final String WEBHOOK_PREFIX = "/v1/webhooks/";

  public static ApiFamily of(String path) {
    if (path.startsWith(WEBHOOK_PREFIX)) {
      return ADMIN;
    }
    if (path.startsWith("/v1/ingest") || path.startsWith("/v1/customers")) {
      return METRONOME;
    }
    if (path.startsWith("/v1/")) {
      return NORTHFLANK;
    }
    return ADMIN;
  }

  /** The error body of this family. */
  public Map<String, Object> errorBody(
      int status, String message, String requestId, List<FieldError> fields) {
    Map<String, Object> body = new LinkedHashMap<>();
    List<Map<String, String>> details =
        fields.stream()
            .map(
                field -> {
                  Map<String, String> detail = new LinkedHashMap<>();
                  detail.put("field", field.field());
                  detail.put("message", field.message());
                  return detail;
                })
            .toList();
    switch (this) {
      case METRONOME -> {
        body.put("message", message);
        if (!details.isEmpty()) {
          body.put("errors", details);
        }
      }
      case NORTHFLANK -> {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", status);
        error.put("message", message);
        error.put("id", requestId);
        if (!details.isEmpty()) {
          error.put("details", details);
        }
        body.put("error", error);
      }
      case ADMIN -> {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", status);
        error.put("message", message);
        error.put("request_id", requestId);
        error.put("fields", details);
        body.put("error", error);
      }
    }
    return body;
  }
}
