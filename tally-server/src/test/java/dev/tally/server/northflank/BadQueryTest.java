package dev.tally.server.northflank;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every bad query is a 400 in Northflank's error shape that names the parameter; none is a 500. */
class BadQueryTest {
  private final BillingWorld world = BillingWorld.shared();
  private final Customer acme = world.as("acme");
  private final String invoice = "/v1/billing/invoices/" + world.invoiceId("2026-02");

  @Test
  void perPageMustBeAWholeNumberFrom1To100() {
    Golden.assertMatches(
        "error-400", acme.get("/v1/billing/invoices?per_page=101").json(), world.invoiceIds);
    for (String value :
        List.of("0", "101", "-1", "abc", "1.5", "1e2", "", "+5", " 5", "99999999999999999999")) {
      assertThat(acme.get("/v1/billing/invoices?per_page=" + encode(value)).expectError(400))
          .as(value)
          .contains("per_page");
    }
    acme.get("/v1/billing/invoices?per_page=1").expect(200);
    acme.get("/v1/billing/invoices?per_page=100").expect(200);
    assertThat(acme.get("/v1/billing/invoices?per_page=1&per_page=2").expectError(400))
        .contains("per_page must be given at most once");
  }

  @Test
  void pageMustBeAWholeNumberOf1OrMore() {
    for (String value : List.of("0", "-3", "two", "1.0", "", "2147483648")) {
      assertThat(acme.get("/v1/billing/invoices?page=" + encode(value)).expectError(400))
          .as(value)
          .contains("page");
    }
    acme.get("/v1/billing/invoices?page=2147483647").expect(200);
  }

  @Test
  void aCursorTallyDidNotIssueIsRefused() {
    String real =
        acme.get("/v1/billing/invoices?per_page=1")
            .json()
            .path("pagination")
            .path("cursor")
            .asText();
    String tampered = real.substring(0, real.length() - 3) + (real.endsWith("AAA") ? "BBB" : "AAA");
    for (String value :
        List.of("abc", "", "null", "undefined", tampered, real + "x", "%2F%2F", "a.b")) {
      assertThat(acme.get("/v1/billing/invoices?cursor=" + value).expectError(400))
          .as(value)
          .contains("cursor");
    }
  }

  @Test
  void aTimestampMustBeAUnixTimeInSeconds() {
    for (String value :
        List.of("yesterday", "2026-02-01T00:00:00Z", "-1", "1.5", "", "99999999999999", "1e9")) {
      assertThat(
              acme.get("/v1/billing/invoices/details?timestamp=" + encode(value)).expectError(400))
          .as(value)
          .contains("timestamp");
    }
  }

  @Test
  void aResourceTypeMustBeOneOfTheSeven() {
    for (String value : List.of("services", "Service", "database", "")) {
      assertThat(acme.get(invoice + "?resourceType=" + value).expectError(400))
          .as(value)
          .contains("resourceType");
    }
  }

  @Test
  void everyProblemIsNamedAtOnce() {
    JsonNode error =
        acme.get("/v1/billing/invoices?per_page=0&page=x&cursor=y")
            .expect(400)
            .json()
            .path("error");
    assertThat(error.path("message").asText()).contains("per_page", "page", "cursor");
    assertThat(error.path("details")).hasSize(3);
  }

  @Test
  void noQueryStringIsA500() {
    List<String> paths =
        List.of(
            "/v1/billing/invoices",
            "/v1/billing/invoices/details",
            invoice,
            "/v1/teams/platform/billing/invoices",
            "/v1/teams/platform/billing/invoices/details",
            "/v1/login");
    List<String> queries =
        List.of(
            "per_page=%zz",
            "per_page=%",
            "cursor=%E0%A4%A",
            "cursor=%C3%28",
            "timestamp=%FF%FE",
            "per_page=%F0%9F%92%A9",
            "&&&==&",
            "=",
            "per_page",
            "cursor",
            "timestamp",
            "projectId=" + "x".repeat(5000),
            "resourceType=%00",
            "teamId=%00",
            "serviceId=a%00b",
            "per_page=1;page=2",
            "page=1&page=2&cursor=a&cursor=b",
            "timestamp=1e400",
            "timestamp=" + "9".repeat(400),
            "per_page=+1",
            "page=%2B1",
            "a[b]=c&d[]=e",
            "cursor=" + "A".repeat(4000),
            "projectId=%ED%A0%80");
    for (String path : paths) {
      for (String query : queries) {
        Answer answer =
            RawHttp.get(world.operator.baseUrl(), world.tokens.get("acme"), path + "?" + query);
        assertThat(answer.status())
            .as(answer.request() + " answered " + answer.body())
            .isLessThan(500);
        if (answer.status() != 200) {
          answer.expectError(answer.status());
        }
      }
    }
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
